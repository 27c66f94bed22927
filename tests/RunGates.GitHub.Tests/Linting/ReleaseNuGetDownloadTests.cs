using System.Security.Cryptography;
using RunGates.GitHub.Tests.Container;
using YamlDotNet.RepresentationModel;

namespace RunGates.GitHub.Tests.Linting;

/// <summary>
/// The nuget job's download step, run as the runner runs it (<c>bash -e</c>, real sha256sum) on a folder standing in
/// for the GitHub release: it must hand <c>dotnet nuget push</c> exactly the packages the release's SHA256SUMS lists,
/// unaltered. Only <c>gh release download</c> is a stand-in (it needs github.com): a script copying the assets that
/// match its <c>--pattern</c>s, as gh does.
/// </summary>
public sealed class ReleaseNuGetDownloadTests : IDisposable
{
    private const string FakeGh = """
        #!/usr/bin/env bash
        # gh release download TAG --repo R --dir D --pattern P...: copies the assets of $RELEASE_ASSETS matching a pattern into D.
        set -euo pipefail
        [ "$1 $2" = "release download" ] || { echo "unexpected: gh $*" >&2; exit 64; }
        shift 3
        dir='' patterns=()
        while [ $# -gt 0 ]; do
          case $1 in
            --repo) shift 2 ;;
            --dir) dir=$2; shift 2 ;;
            --pattern) patterns+=("$2"); shift 2 ;;
            *) echo "unexpected: $1" >&2; exit 64 ;;
          esac
        done
        mkdir -p "$dir"
        for f in "$RELEASE_ASSETS"/*; do
          name=${f##*/}
          for p in "${patterns[@]}"; do if [[ $name == $p ]]; then cp "$f" "$dir/"; break; fi; done
        done
        """;

    private static readonly string[] Packages =
    [
        // What build.cake packs: the pointer and the native build have no symbol package (ToolPackageTests).
        "rungates.1.2.3.nupkg", "rungates.any.1.2.3.nupkg", "rungates.any.1.2.3.snupkg", "rungates.linux-x64.1.2.3.nupkg",
        "RunGates.MSBuild.1.2.3.nupkg", "RunGates.MSBuild.1.2.3.snupkg",
    ];

    private readonly TempFolder _temp = new();

    public ReleaseNuGetDownloadTests()
    {
        foreach (var name in Packages.Append("rungates-1.2.3-linux-x64.tar.gz"))
        {
            _temp.Write($"release/{name}", $"bytes of {name}");
        }

        File.WriteAllLines(_temp["release/SHA256SUMS"], Directory.EnumerateFiles(_temp["release"]).Order(StringComparer.Ordinal).Select(f => $"{Hash(f)}  {Path.GetFileName(f)}"));
        _temp.Write("release/promotion_packet.json", "{}");
        var gh = _temp.Write("bin/gh", FakeGh.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(gh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.CreateDirectory(_temp["job"]);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_packages_the_ledger_lists_are_downloaded_checked_and_nothing_else()
    {
        var (exitCode, output) = RunDownloadStep();

        Assert.True(exitCode == 0, output);
        Assert.Equal(Packages.Append("SHA256SUMS").Order(StringComparer.Ordinal), Directory.EnumerateFiles(_temp["job/packages"]).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_package_added_to_the_release_after_the_ledger_stops_the_job()
    {
        _temp.Write("release/Evil.1.0.0.nupkg", "not attested");

        var (exitCode, output) = RunDownloadStep();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("::error::the release's packages are not exactly those SHA256SUMS lists", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_package_stops_the_job()
    {
        _temp.Write("release/RunGates.MSBuild.1.2.3.nupkg", "altered");

        var (exitCode, output) = RunDownloadStep();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("RunGates.MSBuild.1.2.3.nupkg: FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_symbol_package_missing_from_the_release_stops_the_job()
    {
        File.Delete(_temp["release/rungates.any.1.2.3.snupkg"]);

        var (exitCode, output) = RunDownloadStep();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("rungates.any.1.2.3.snupkg", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_without_the_native_tool_package_pushes_nothing()
    {
        // Left out of the ledger too, as a pack without the native build would: the pointer would name a package
        // nuget.org does not have.
        File.Delete(_temp["release/rungates.linux-x64.1.2.3.nupkg"]);
        File.WriteAllLines(_temp["release/SHA256SUMS"], File.ReadAllLines(_temp["release/SHA256SUMS"]).Where(l => !l.EndsWith("rungates.linux-x64.1.2.3.nupkg", StringComparison.Ordinal)));

        var (exitCode, output) = RunDownloadStep();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("::error::the release has no rungates.linux-x64.1.2.3.nupkg", output, StringComparison.Ordinal);
    }

    private static string Hash(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private (int ExitCode, string Output) RunDownloadStep()
    {
        var workflow = ActionMetadata.Load(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "release.yml"));
        var job = (YamlMappingNode)((YamlMappingNode)workflow.Children[new YamlScalarNode("jobs")]).Children[new YamlScalarNode("nuget")];
        var step = ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>()
            .Single(s => s.Children.TryGetValue(new YamlScalarNode("name"), out var name) && ((YamlScalarNode)name).Value == "Download the release's packages");
        var script = _temp.Write("step.sh", ((YamlScalarNode)step.Children[new YamlScalarNode("run")]).Value!);
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{_temp["bin"]}:{Environment.GetEnvironmentVariable("PATH")}",
            ["RELEASE_ASSETS"] = _temp["release"],
            ["GITHUB_REF_NAME"] = "v1.2.3",
            ["GITHUB_REPOSITORY"] = "acme/rungates",
            ["GH_TOKEN"] = "unused",
        };

        // The runner's default shell for `run:` on Linux: bash --noprofile --norc -eo pipefail {0}.
        var (exitCode, output, error) = ExternalTool.Run(environment, TimeSpan.FromMinutes(1), _temp["job"], "bash", "--noprofile", "--norc", "-eo", "pipefail", script);
        return (exitCode, output + error);
    }
}
