using System.Runtime.InteropServices;
using RunGates.GitHub.Tests.Container;

namespace RunGates.GitHub.Tests.Setup;

/// <summary>
/// A local NuGet folder holding the rungates tool packed from this checkout, as a release publishes it: the pointer
/// package and, on linux-x64, the Native AOT package `dotnet tool install` picks there (elsewhere the portable one).
/// Packed once per test run, under its own artifacts path, and only when a test asks.
/// </summary>
public sealed class SetupPackageFeed : IDisposable
{
    public const string Version = "0.0.2-setup";

    private readonly TempFolder folder = new();
    private readonly Lazy<Task<string>> pack;

    public SetupPackageFeed() => pack = new Lazy<Task<string>>(PackAsync);

    /// <summary>The folder of packages, packed on first use.</summary>
    public Task<string> FolderAsync() => pack.Value;

    public void Dispose() => folder.Dispose();

    private async Task<string> PackAsync()
    {
        var feed = folder["feed"];
        var project = Path.Combine(RepositoryRoot.Path, "src", "RunGates.Cli", "RunGates.Cli.csproj");
        var common = new[] { "-c", "Release", "-o", feed, $"-p:Version={Version}", "--artifacts-path", folder["build"], "--nologo", "-v", "quiet" };
        var native = OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;
        foreach (var runtime in new[] { null, native ? "linux-x64" : "any" })
        {
            string[] arguments = runtime is null ? ["pack", project, .. common] : ["pack", project, "-r", runtime, .. common];
            var packed = await ToolProcess.RunAsync("dotnet", arguments, TimeSpan.FromMinutes(8));
            Assert.True(packed.ExitCode == 0, packed.ToString());
        }

        return feed;
    }
}
