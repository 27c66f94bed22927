using System.Security.Cryptography;
using System.Text.Json;

namespace RunGates.Cli.Tests.Cake;

/// <summary>build/build.cake's RunGates targets, run by the real Cake.Tool against runbooks in a temporary folder.</summary>
[Trait("Category", "Slow")]
public sealed class BuildScriptTests : IClassFixture<CakeScript>, IDisposable
{
    private readonly CakeScript _cake;
    private readonly TempFolder _folder = new();

    public BuildScriptTests(CakeScript cake) => _cake = cake;

    public void Dispose() => _folder.Dispose();

    /// <summary>A runbook whose tests.json evidence says <paramref name="failed"/> tests failed.</summary>
    private string WriteRunbook(int failed)
    {
        _folder.Write("config.json", """{ "mode": "release" }""");
        _folder.Write("evidence/tests.json", $$"""{ "total": 12, "failed": {{failed}} }""");
        _folder.Write("evidence/reports/summary.txt", "12 tests\n");
        return _folder.Write("rungates.yml", """
            version: 1
            name: cake-demo
            states: { pass: SHIPPABLE, partial: PARTIAL, incomplete: NOT-YET, reject: REJECTED }
            run:
              bundles: out/demo
              evidence: evidence
            preflight:
              - { id: inputs, files: [config.json] }
              - { id: mode, file: config.json, expect: { mode: release } }
            gates:
              - { id: tests, file: tests.json, expect: { failed: 0 } }
            ledger: { root: reports }
            promote: { requires: pass }
            """);
    }

    private string LatestBundle() => Path.Combine(_folder["out/demo"], File.ReadAllText(_folder["out/demo/LATEST"]).Trim());

    [Fact]
    public void Preflight_target_runs_the_preflight_checks_through_the_CLI_and_opens_no_bundle()
    {
        var spec = WriteRunbook(failed: 0);

        var (exitCode, output) = _cake.RunTarget("Preflight", $"--spec={spec}");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"rungates run --spec {spec} --preflight-only --fail-on partial", output, StringComparison.Ordinal);
        Assert.Matches(@"passed\s+required\s+mode\s+config\.json: mode hold", output);
        Assert.Contains("Verdict: SHIPPABLE (pass)", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"required\s+tests\s", output);
        Assert.False(Directory.Exists(_folder["out"]), "pre-flight opened a bundle");
    }

    [Fact]
    public void Gates_target_runs_the_whole_runbook_and_commits_a_promotable_bundle()
    {
        var spec = WriteRunbook(failed: 0);

        var (exitCode, output) = _cake.RunTarget("Gates", $"--spec={spec}");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Verdict: SHIPPABLE (pass)", output, StringComparison.Ordinal);
        var bundle = LatestBundle();
        var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "results.json"))).RootElement;
        Assert.Equal("pass", results.GetProperty("verdict").GetString());
        Assert.Equal(["inputs", "mode", "tests"], results.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.True(JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "promotion_packet.json"))).RootElement.GetProperty("promotable").GetBoolean());
        var digest = Convert.ToHexStringLower(SHA256.HashData("12 tests\n"u8));
        Assert.Equal($"{digest}  summary.txt\n", File.ReadAllText(Path.Combine(bundle, "SHA256SUMS")));
    }

    [Fact]
    public void Gates_target_below_fail_on_fails_the_Cake_run_with_the_verdict()
    {
        var spec = WriteRunbook(failed: 3);

        var (exitCode, output) = _cake.RunTarget("Gates", $"--spec={spec}");

        Assert.True(exitCode == 1, output);
        Assert.Matches(@"failed\s+required\s+tests\s+.*failed", output);
        Assert.Contains("Error: rungates: cake-demo: verdict incomplete (NOT-YET) is below --fail-on partial", output, StringComparison.Ordinal);
        Assert.Matches(@"Gates\s+\S+\s+Failed", output);
        // The refused run is evidence too: its bundle is committed, and says why.
        var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(LatestBundle(), "results.json"))).RootElement;
        Assert.Equal("incomplete", results.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Ledger_target_writes_and_verifies_SHA256SUMS_over_the_release_files_only()
    {
        _folder.Write("artifacts/packages/rungates.9.9.9.nupkg", "tool package\n");
        _folder.Write("artifacts/packages/RunGates.MSBuild.9.9.9.nupkg", "task package\n");
        // Symbol packages are release files too: the nuget job pushes them from the release beside their packages.
        _folder.Write("artifacts/packages/RunGates.MSBuild.9.9.9.snupkg", "task symbols\n");
        _folder.Write("artifacts/packages/rungates-9.9.9.tar.gz", "archive\n");
        _folder.Write("artifacts/packages/rungates-9.9.9.zip", "archive\n");
        _folder.Write("artifacts/packages/notes.txt", "not released\n");

        var (exitCode, output) = _cake.RunTarget("Ledger", $"--artifacts={_folder["artifacts"]}");

        Assert.True(exitCode == 0, output);
        var ledger = _folder["artifacts/packages/SHA256SUMS"];
        var names = File.ReadAllLines(ledger).Select(l => l[66..]).ToList();
        Assert.Equal(["RunGates.MSBuild.9.9.9.nupkg", "RunGates.MSBuild.9.9.9.snupkg", "rungates-9.9.9.tar.gz", "rungates-9.9.9.zip", "rungates.9.9.9.nupkg"], names);
        Assert.Contains("rungates-9.9.9.zip: OK", output, StringComparison.Ordinal);
        var check = ExternalTool.Run(_folder["artifacts/packages"], "sha256sum", "-c", "SHA256SUMS");
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
    }
}
