using System.Runtime.InteropServices;

namespace RunGates.Cli.Tests.Packaging;

/// <summary>
/// The three tool packages build/build.cake's Pack target makes (the pointer, the portable "any" build and, on
/// linux-x64, the Native AOT build), packed once into a local feed as the release packs them: GITHUB_ACTIONS=true
/// (seen by MSBuild as a property) makes it a ContinuousIntegrationBuild. Built under their own artifacts path, so the
/// packs do not share bin/ and obj/ with the tests' own builds; that path is inside the checkout (artifacts/, ignored
/// by git), as obj/ is in a release build, so the generated sources' paths map to /_/ as the release's do.
/// </summary>
public sealed class ToolPackageFeed : IDisposable
{
    public const string Version = "0.0.1-test";

    private readonly TempFolder _folder = new();
    private readonly string _build = System.IO.Path.Combine(RepositoryRoot.Path, "artifacts", "tool-package-tests", Guid.NewGuid().ToString("N")[..12]);

    public ToolPackageFeed()
    {
        Directory = _folder["feed"];
        var project = System.IO.Path.Combine(RepositoryRoot.Path, "src", "RunGates.Cli", "RunGates.Cli.csproj");
        var common = new[] { "-c", "Release", "-o", Directory, $"-p:Version={Version}", "-p:GITHUB_ACTIONS=true", PublishedPackage.ReadGlobalGitConfig, "--artifacts-path", _build, "--nologo" };
        var clone = PublishedPackage.AsClonedFromGitHub(_folder["config"]);
        Pack(clone, ["pack", project, .. common]);
        Pack(clone, ["pack", project, "-r", "any", .. common]);
        if (Native)
        {
            Pack(clone, ["pack", project, "-r", "linux-x64", .. common]);
        }
    }

    /// <summary>Whether this machine gets (and so this feed holds) the Native AOT build: linux-x64.</summary>
    public static bool Native { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64;

    public string Directory { get; }

    public string Package(string id) => System.IO.Path.Combine(Directory, $"{id}.{Version}.nupkg");

    public string SymbolPackage(string id) => System.IO.Path.Combine(Directory, $"{id}.{Version}.snupkg");

    public void Dispose()
    {
        _folder.Dispose();
        try
        {
            System.IO.Directory.Delete(_build, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs <c>dotnet</c> with the arguments, failing with everything it printed unless it exits 0.</summary>
    public static string Dotnet(string[] arguments, string? workingDirectory = null) => Run("dotnet", arguments, workingDirectory ?? System.IO.Path.GetTempPath());

    public static string Run(string file, string[] arguments, string workingDirectory)
    {
        var (exitCode, output, error) = TryRun(file, arguments, workingDirectory);
        Assert.True(exitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}\n{error}");
        return output;
    }

    private static void Pack(IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var (exitCode, output, error) = ExternalTool.Run(environment, TimeSpan.FromMinutes(6), System.IO.Path.GetTempPath(), "dotnet", arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {exitCode}:\n{output}\n{error}");
    }

    public static (int ExitCode, string Out, string Error) TryRun(string file, string[] arguments, string workingDirectory) =>
        ExternalTool.Run(TimeSpan.FromMinutes(6), workingDirectory, file, arguments);
}
