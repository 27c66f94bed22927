using System.IO.Compression;

namespace RunGates.Cli.Tests.Packaging;

/// <summary>The tool as a user installs it: the packages in a local feed, installed with the real <c>dotnet tool install</c>.</summary>
[Trait("Category", "Slow")]
public sealed class ToolPackageTests(ToolPackageFeed feed) : IClassFixture<ToolPackageFeed>, IDisposable
{
    private const string Version = ToolPackageFeed.Version;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void On_linux_x64_the_tool_installs_as_one_native_executable_and_elsewhere_as_the_portable_build()
    {
        // The pointer package names both builds; the portable one carries rungates.dll, the native one a lone executable.
        using (var pointer = ZipFile.OpenRead(feed.Package("rungates")))
        {
            var settings = new StreamReader(pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open()).ReadToEnd();
            Assert.Contains("RuntimeIdentifier=\"linux-x64\" Id=\"rungates.linux-x64\"", settings, StringComparison.Ordinal);
            Assert.Contains("RuntimeIdentifier=\"any\" Id=\"rungates.any\"", settings, StringComparison.Ordinal);
        }

        using (var portable = ZipFile.OpenRead(feed.Package("rungates.any")))
        {
            Assert.Contains(portable.Entries, e => e.FullName.EndsWith("/rungates.dll", StringComparison.Ordinal));
        }

        ToolPackageFeed.Dotnet(["tool", "install", "rungates", "--tool-path", _folder["tools"], "--add-source", feed.Directory, "--version", Version]);
        var installed = Path.Combine(_folder["tools"], OperatingSystem.IsWindows() ? "rungates.exe" : "rungates");
        if (ToolPackageFeed.Native)
        {
            var target = new FileInfo(installed).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? installed;
            Assert.Contains("rungates.linux-x64", target, StringComparison.Ordinal);
            Assert.Equal(["rungates"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName).Where(n => n != "DotnetToolSettings.xml"));
            Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(target)[..4]);
        }

        AssertRunsTheQuickStart(installed);
    }

    /// <summary>
    /// README "Installing the tool" without a C toolchain: only the pointer and rungates.any are packed. The pointer
    /// then cannot install on linux-x64 (it names rungates.linux-x64 for this machine), so the README says to install
    /// rungates.any by name, which gives the same `rungates` command.
    /// </summary>
    [Fact]
    public void From_a_folder_without_the_native_package_rungates_any_installs_the_rungates_command()
    {
        var portableOnly = _folder["portable-feed"];
        Directory.CreateDirectory(portableOnly);
        File.Copy(feed.Package("rungates"), Path.Combine(portableOnly, Path.GetFileName(feed.Package("rungates"))));
        File.Copy(feed.Package("rungates.any"), Path.Combine(portableOnly, Path.GetFileName(feed.Package("rungates.any"))));

        if (ToolPackageFeed.Native)
        {
            var pointer = ToolPackageFeed.TryRun("dotnet", ["tool", "install", "rungates", "--tool-path", _folder["pointer-tools"], "--add-source", portableOnly, "--version", Version], _folder.Path);
            Assert.NotEqual(0, pointer.ExitCode);
            Assert.Contains("rungates.linux-x64", pointer.Out + pointer.Error, StringComparison.Ordinal);
        }

        var output = ToolPackageFeed.Dotnet(["tool", "install", "rungates.any", "--tool-path", _folder["tools"], "--add-source", portableOnly, "--version", Version]);
        Assert.Contains("rungates", output, StringComparison.Ordinal);
        var installed = Path.Combine(_folder["tools"], OperatingSystem.IsWindows() ? "rungates.exe" : "rungates");
        Assert.True(File.Exists(installed), $"no {installed}:\n{output}");
        AssertRunsTheQuickStart(installed);
    }

    [Fact]
    public void Every_tool_package_carries_the_readme_licence_project_and_repository_and_the_portable_one_its_symbols()
    {
        var ids = ToolPackageFeed.Native ? new[] { "rungates", "rungates.any", "rungates.linux-x64" } : ["rungates", "rungates.any"];
        foreach (var id in ids)
        {
            PublishedPackage.AssertMetadata(feed.Package(id), id);
        }

        PublishedPackage.AssertSymbols(feed.SymbolPackage("rungates.any"), "tools/net10.0/any/rungates.pdb", "tools/net10.0/any/RunGates.Core.pdb", "tools/net10.0/any/RunGates.GitHub.pdb");
        // The pointer holds no code and the native build no managed PDB: neither has a symbol package to push.
        Assert.False(File.Exists(feed.SymbolPackage("rungates")));
        Assert.False(File.Exists(feed.SymbolPackage("rungates.linux-x64")));
    }

    private void AssertRunsTheQuickStart(string installed)
    {
        var version = ToolPackageFeed.Run(installed, ["--version"], RepositoryRoot.Path);
        Assert.StartsWith(Version, version, StringComparison.Ordinal);

        // The README's quick start through the installed tool, on a copy of the example.
        var helios = _folder.CopyFrom(Path.Combine(RepositoryRoot.Path, "examples", "helios"), "helios");
        var run = ToolPackageFeed.Run(installed, ["run", "--spec", "rungates.yml"], helios);
        Assert.Contains("Verdict: CERTIFIED (pass)", run, StringComparison.Ordinal);
    }
}
