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
    public async Task Invalidated_bundle_is_refused_with_exit_3_as_bundle_validate_refuses_it()
    {
        var bundle = await CommitRun("0.2");
        var id = Path.GetFileName(bundle);
        Assert.Equal(0, (await RunGatesCli.RunAsync(_folder.Path, "bundle", "invalidate", id, "--reason", "wrong calibration", "--by", "alice")).ExitCode);

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", id, "--require-promotable");
        var plain = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", id);
        var validate = await RunGatesCli.RunAsync(_folder.Path, "bundle", "validate", id);

        Assert.True(promote.ExitCode == 3, promote.ToString());
        Assert.True(plain.ExitCode == 3, plain.ToString());
        Assert.Equal(validate.ExitCode, promote.ExitCode);
        Assert.Contains("error RG4009", promote.Error, StringComparison.Ordinal);
        Assert.Contains("invalidated by alice", promote.Error, StringComparison.Ordinal);
        Assert.Contains("wrong calibration", promote.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("promotable:", promote.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hand_edited_promotable_in_an_incomplete_run_is_refused_with_exit_3_naming_the_field()
    {
        var bundle = await CommitRun("0.4");
        var packet = Path.Combine(bundle, "promotion_packet.json");
        File.WriteAllText(packet, File.ReadAllText(packet).Replace("\"promotable\": false", "\"promotable\": true", StringComparison.Ordinal));

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote", "--require-promotable", "--out", "release/packet.json");

        Assert.True(promote.ExitCode == 3, promote.ToString());
        Assert.Contains("promotion_packet.json: error RG4017: field 'promotable' is true, but the committed bundle gives false.", promote.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("promotable: ", promote.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["release/packet.json"]), "a refused packet must not be copied out");
    }

    [Fact]
    public async Task Flipped_verdict_and_deleted_ledger_field_are_each_refused_by_name()
    {
        var bundle = await CommitRun("0.4");
        var packet = Path.Combine(bundle, "promotion_packet.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(packet))!.AsObject();
        json["verdict"] = "pass";
        json.Remove("ledger");
        File.WriteAllText(packet, json.ToJsonString());

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote", "--require-promotable");

        Assert.True(promote.ExitCode == 3, promote.ToString());
        Assert.Contains("error RG4017: field 'verdict' is \"pass\", but the committed bundle gives \"incomplete\".", promote.Error, StringComparison.Ordinal);
        Assert.Contains("error RG4016: field 'ledger' is missing", promote.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reasons_shown_are_recomputed_from_results_json_not_read_from_the_packet()
    {
        await CommitRun("0.4");

        var promote = await RunGatesCli.RunAsync(_folder.Path, "promote");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Equal(
            ["  - The verdict is incomplete (IN-PROGRESS); promotion requires pass (CERTIFIED) or better.", "  - Check burst-cap: failed."],
            promote.Out.Split('\n').Where(l => l.StartsWith("  - ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Runbook_given_with_spec_may_make_promotion_stricter_never_looser()
    {
        _folder.Write("evidence/diagnostics.json", """{ "burst": 0.2 }""");
        _folder.Write("rungates.yml", """
            version: 1
            name: promo
            run: { bundles: out, evidence: evidence }
            gates:
              - { id: burst-cap, file: diagnostics.json, expect: { burst: { max: 0.1 } }, severity: advisory }
            promote: { requires: partial }
            """);
        Assert.Equal(0, (await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet")).ExitCode);
        var bundle = Path.Combine(_folder["out"], File.ReadAllText(_folder["out/LATEST"]).Trim());
        var asRun = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", bundle, "--require-promotable");
        _folder.Write("strict/rungates.yml", """
            version: 1
            name: promo
            run: { bundles: ../out }
            promote: { requires: pass }
            """);
        var strict = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", bundle, "--spec", "strict", "--require-promotable");
        _folder.Write("renamed/rungates.yml", """
            version: 1
            name: another
            run: { bundles: ../out }
            promote: { requires: partial }
            """);
        var renamed = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", bundle, "--spec", "renamed", "--require-promotable");

        Assert.True(asRun.ExitCode == 0, asRun.ToString());
        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Contains("now requires pass or better; the run's verdict is partial", strict.Out, StringComparison.Ordinal);
        Assert.True(renamed.ExitCode == 1, renamed.ToString());
        Assert.Contains("is a run of runbook 'promo', not of 'another'", renamed.Out, StringComparison.Ordinal);
    }
}
