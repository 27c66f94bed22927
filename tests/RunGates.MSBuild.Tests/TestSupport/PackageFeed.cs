using System.Diagnostics;

namespace RunGates.MSBuild.Tests.TestSupport;

/// <summary>
/// Packs RunGates.MSBuild once per test run into a temporary local feed, with a version no other build uses, so
/// consumer projects restore exactly this build and never a cached one.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public PackageFeed()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rungates-feed", Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var project = System.IO.Path.Combine(RepositoryRoot.Path, "src", "RunGates.MSBuild", "RunGates.MSBuild.csproj");
        // Packed as the release packs it, from a clone of GitHub's repository: GITHUB_ACTIONS=true (a variable MSBuild
        // sees as a property) makes it a ContinuousIntegrationBuild, whose PDBs the symbol package test reads.
        var environment = PublishedPackage.AsClonedFromGitHub(System.IO.Path.Combine(Directory, ".config"));
        var result = DotNet.Run(environment, RepositoryRoot.Path, TimeSpan.FromMinutes(5), "pack", project, "-c", "Release", "-o", Directory, $"-p:Version={Version}", "-p:GITHUB_ACTIONS=true", PublishedPackage.ReadGlobalGitConfig, "--nologo");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack RunGates.MSBuild failed:\n" + result.Output);
        }

        PackagePath = System.IO.Path.Combine(Directory, $"RunGates.MSBuild.{Version}.nupkg");
        SymbolPackagePath = System.IO.Path.ChangeExtension(PackagePath, ".snupkg");
        Debug.Assert(File.Exists(PackagePath));
    }

    public string Directory { get; }

    public string Version { get; }

    public string PackagePath { get; }

    public string SymbolPackagePath { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
