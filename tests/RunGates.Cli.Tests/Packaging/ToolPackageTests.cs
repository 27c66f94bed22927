using System.IO.Compression;
using System.Runtime.InteropServices;

namespace RunGates.Cli.Tests.Packaging;

/// <summary>
/// The tool as a user installs it: the three packages build/build.cake's Pack target makes (the pointer, the portable
/// "any" build and the linux-x64 Native AOT build), in a local feed, installed with the real <c>dotnet tool install</c>.
/// Built under their own artifacts path, so the packs do not share bin/ and obj/ with the tests' own builds.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ToolPackageTests : IDisposable
{
    private const string Version = "0.0.1-test";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void On_linux_x64_the_tool_installs_as_one_native_executable_and_elsewhere_as_the_portable_build()
    {
        var feed = _folder["feed"];
        var project = Path.Combine(RepositoryRoot.Path, "src", "RunGates.Cli", "RunGates.Cli.csproj");
        var common = new[] { "-c", "Release", "-o", feed, $"-p:Version={Version}", "--artifacts-path", _folder["build"], "--nologo" };
        Dotnet(["pack", project, .. common]);
        Dotnet(["pack", project, "-r", "any", .. common]);
        var native = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64;
        if (native)
        {
            Dotnet(["pack", project, "-r", "linux-x64", .. common]);
        }

        // The pointer package names both builds; the portable one carries rungates.dll, the native one a lone executable.
        using (var pointer = ZipFile.OpenRead(Path.Combine(feed, $"rungates.{Version}.nupkg")))
        {
            var settings = new StreamReader(pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open()).ReadToEnd();
            Assert.Contains("RuntimeIdentifier=\"linux-x64\" Id=\"rungates.linux-x64\"", settings, StringComparison.Ordinal);
            Assert.Contains("RuntimeIdentifier=\"any\" Id=\"rungates.any\"", settings, StringComparison.Ordinal);
        }

        using (var portable = ZipFile.OpenRead(Path.Combine(feed, $"rungates.any.{Version}.nupkg")))
        {
            Assert.Contains(portable.Entries, e => e.FullName.EndsWith("/rungates.dll", StringComparison.Ordinal));
        }

        Dotnet(["tool", "install", "rungates", "--tool-path", _folder["tools"], "--add-source", feed, "--version", Version]);
        var installed = Path.Combine(_folder["tools"], OperatingSystem.IsWindows() ? "rungates.exe" : "rungates");
        if (native)
        {
            var target = new FileInfo(installed).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? installed;
            Assert.Contains("rungates.linux-x64", target, StringComparison.Ordinal);
            Assert.Equal(["rungates"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName).Where(n => n != "DotnetToolSettings.xml"));
            Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(target)[..4]);
        }

        var version = Run(installed, ["--version"], RepositoryRoot.Path);
        Assert.StartsWith(Version, version, StringComparison.Ordinal);

        // The README's quick start through the installed tool, on a copy of the example.
        var helios = _folder.CopyFrom(Path.Combine(RepositoryRoot.Path, "examples", "helios"), "helios");
        var run = Run(installed, ["run", "--spec", "rungates.yml"], helios);
        Assert.Contains("Verdict: CERTIFIED (pass)", run, StringComparison.Ordinal);
    }

    private string Dotnet(string[] arguments) => Run("dotnet", arguments, _folder.Path);

    private static string Run(string file, string[] arguments, string workingDirectory)
    {
        var (exitCode, output, error) = ExternalTool.Run(TimeSpan.FromMinutes(6), workingDirectory, file, arguments);
        Assert.True(exitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}\n{error}");
        return output;
    }
}
