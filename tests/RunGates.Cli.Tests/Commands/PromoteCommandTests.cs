using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Commands;

public sealed class PromoteCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> CommitRun(string burst)
    {
        _folder.Write("evidence/diagnostics.json", $$"""{ "burst": {{burst}} }""");
        _folder.Write("rungates.yml", """
            version: 1
            name: promo
            states: { pass: CERTIFIED, partial: PARTIAL, incomplete: IN-PROGRESS, reject: REJECTED }
            run: { bundles: out, evidence: evidence }
            gates:
              - { id: burst-cap, file: diagnostics.json, expect: { burst: { max: 0.25 } } }
            promote: { requires: pass }
            """);
        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet", "--fail-on", "reject");
        Assert.True(run.ExitCode == 0, run.ToString());
        return Path.Combine(_folder["out"], File.ReadAllText(_folder["out/LATEST"]).Trim());
    }

    [Fact]
    public async Task Promotable_run_is_accepted_and_its_packet_copied()
    {
        await CommitRun("0.2");

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote", "--require-promotable", "--out", "release/packet.json");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.StartsWith("promotable: ", promote.Out, StringComparison.Ordinal);
        Assert.Contains("CERTIFIED", promote.Out, StringComparison.Ordinal);
        Assert.Contains("\"promotable\": true", File.ReadAllText(_folder["release/packet.json"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Require_promotable_refuses_an_unpromotable_run_with_exit_1_and_the_reasons()
    {
        await CommitRun("0.4");

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote", "--require-promotable", "--out", "release/packet.json");

        Assert.True(promote.ExitCode == 1, promote.ToString());
        Assert.Contains("not promotable", promote.Out, StringComparison.Ordinal);
        Assert.Contains("burst-cap", promote.Out, StringComparison.Ordinal);
        Assert.Contains("promotion requires pass", promote.Out, StringComparison.Ordinal);
        Assert.Contains("RG5001", promote.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["release/packet.json"]), "a refused run must not publish its packet");
    }

    [Fact]
    public async Task Without_require_promotable_an_unpromotable_run_reports_and_exits_0()
    {
        await CommitRun("0.4");

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Contains("not promotable", promote.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altered_bundle_is_an_integrity_error_naming_the_file()
    {
        var bundle = await CommitRun("0.2");
        File.AppendAllText(Path.Combine(bundle, "results.json"), " ");

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote", "--require-promotable");

        Assert.True(promote.ExitCode == 3, promote.ToString());
        Assert.Contains("results.json", promote.Error, StringComparison.Ordinal);
        Assert.Contains("RG4001", promote.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bundle_naming_an_existing_folder_means_the_folder_even_when_a_run_has_that_id()
    {
        var bundle = await CommitRun("0.2");
        var id = Path.GetFileName(bundle);
        var copy = _folder.CopyFrom(bundle, id);
        File.AppendAllText(Path.Combine(copy, "results.json"), " ");

        var folder = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", id, "--require-promotable");
        var byId = await RunGatesCli.RunAsync(_folder["evidence"], "promote", "--bundle", id, "--require-promotable", "--spec", "../rungates.yml");

        Assert.True(folder.ExitCode == 3, folder.ToString());
        Assert.Contains("results.json: error RG4001", folder.Error, StringComparison.Ordinal);
        Assert.Contains($"rungates: bundle {id} does not verify", folder.Error, StringComparison.Ordinal);
        Assert.True(byId.ExitCode == 0, byId.ToString());
    }

    [Fact]
    public async Task Empty_bundle_means_LATEST()
    {
        await CommitRun("0.2");

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", "", "--require-promotable");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.StartsWith($"promotable: {Path.Combine("out", File.ReadAllText(_folder["out/LATEST"]).Trim())}", promote.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalidated_bundle_is_not_promotable()
    {
        var bundle = await CommitRun("0.2");
        var id = Path.GetFileName(bundle);
        Assert.Equal(0, (await RunGatesCli.RunAsync(_folder.Path, "bundle", "invalidate", id, "--reason", "wrong calibration", "--by", "alice")).ExitCode);

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", id, "--require-promotable");

        Assert.True(promote.ExitCode == 1, promote.ToString());
        Assert.Contains("invalidated by alice", promote.Out, StringComparison.Ordinal);
        Assert.Contains("wrong calibration", promote.Out, StringComparison.Ordinal);
    }
}
