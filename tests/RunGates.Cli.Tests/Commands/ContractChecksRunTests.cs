using System.Text.Json;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Commands;

/// <summary>
/// End to end through <c>rungates run</c>: <c>infeasible: { counts-as: passed }</c> with promotion, complete ledgers
/// and <c>covers:</c> failing with their codes, and malformed use exiting 2 with nothing written.
/// </summary>
public sealed class ContractChecksRunTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    private string LatestBundle() => Path.Combine(_folder["out"], File.ReadAllText(_folder["out/LATEST"]).Trim());

    private void WriteRunbook(string countsAs, string gates = "")
    {
        _folder.Write("evidence/derivations/alpha.json", """{ "value_name": "alpha", "status": "LOCKED" }""");
        _folder.Write("evidence/derivations/beta.json", """{ "value_name": "beta", "status": "INFEASIBLE", "reason": "tier C cannot be locked" }""");
        _folder.Write("rungates.yml", $$"""
            version: 1
            name: cvn
            states: { pass: HANDOFF-READY, partial: PARTIAL, incomplete: S03-BLOCKED, reject: REJECTED }
            run: { bundles: out, evidence: evidence }
            gates:
              - id: derivations-locked
                severity: blocker
                each: derivations/*.json
                expect: { status: LOCKED }
                infeasible-when: { status: INFEASIBLE }
                {{countsAs}}
              - id: every-value-derived
                covers: { values: [alpha, beta], by: { each: derivations/*.json, key: value_name } }
            {{gates}}
            promote: { requires: pass }
            """);
    }

    [Fact]
    public async Task Infeasible_counted_as_passed_passes_promotes_and_is_still_shown_infeasible_with_its_reason()
    {
        WriteRunbook("infeasible: { counts-as: passed }");

        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = ReadJson(Path.Combine(LatestBundle(), "results.json"));
        Assert.Equal("pass", results.GetProperty("verdict").GetString());
        var check = results.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("id").GetString() == "derivations-locked");
        Assert.Equal(("infeasible", "passed"), (check.GetProperty("outcome").GetString(), check.GetProperty("counts_as").GetString()));
        Assert.EndsWith("(counts as passed)", check.GetProperty("message").GetString(), StringComparison.Ordinal);
        var packet = ReadJson(Path.Combine(LatestBundle(), "promotion_packet.json"));
        Assert.True(packet.GetProperty("promotable").GetBoolean());
        var listed = packet.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("id").GetString() == "derivations-locked");
        Assert.Equal("passed", listed.GetProperty("counts_as").GetString());
        Assert.Equal(["derivations/beta.json: infeasible: tier C cannot be locked"], listed.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0, (await RunGatesCli.RunAsync(_folder.Path, "bundle", "validate", LatestBundle())).ExitCode);

        var explain = await RunGatesCli.RunAsync(_folder.Path, "explain", "derivations-locked");
        Assert.Contains("An infeasible record counts as passed", explain.Out, StringComparison.Ordinal);
        Assert.Contains("It was infeasible, counted as passed", explain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infeasible_by_default_leaves_the_run_incomplete_and_not_promotable()
    {
        WriteRunbook("");

        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");

        Assert.True(run.ExitCode == 1, run.ToString());
        var results = ReadJson(Path.Combine(LatestBundle(), "results.json"));
        Assert.Equal("incomplete", results.GetProperty("verdict").GetString());
        var check = results.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("id").GetString() == "derivations-locked");
        Assert.Equal(("incomplete", "RG3021"), (check.GetProperty("counts_as").GetString(), check.GetProperty("code").GetString()));
        Assert.False(ReadJson(Path.Combine(LatestBundle(), "promotion_packet.json")).GetProperty("promotable").GetBoolean());
    }

    [Fact]
    public async Task An_uncovered_value_and_an_unlisted_file_fail_with_their_codes_and_positions()
    {
        WriteRunbook("infeasible: { counts-as: passed }", """
              - id: listed
                ledger: { file: derivations/SHA256SUMS, unlisted: fail }
              - id: covered
                covers: { values: [alpha, gamma], by: { each: derivations/*.json, key: value_name } }
            """);
        var alpha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_folder["evidence/derivations/alpha.json"])));
        _folder.Write("evidence/derivations/SHA256SUMS", $"{alpha}  alpha.json\n");

        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");

        Assert.True(run.ExitCode == 1, run.ToString());
        var checks = ReadJson(Path.Combine(LatestBundle(), "results.json")).GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("RG3008", checks["listed"].GetProperty("code").GetString());
        Assert.Equal("beta.json: is on disk but not listed in SHA256SUMS (RG4003)", checks["listed"].GetProperty("findings")[0].GetProperty("message").GetString());
        Assert.Equal("RG3011", checks["covered"].GetProperty("code").GetString());
        var gamma = checks["covered"].GetProperty("findings")[0];
        Assert.StartsWith("\"gamma\" is not covered", gamma.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("rungates.yml", 17, 31), (gamma.GetProperty("position").GetProperty("file").GetString(), gamma.GetProperty("position").GetProperty("line").GetInt32(), gamma.GetProperty("position").GetProperty("column").GetInt32()));
        Assert.Contains("rungates.yml(17,31): \"gamma\" is not covered", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("infeasible: { counts-as: passd }", "RG1010")]
    [InlineData("", "RG1032", "  - { id: bad, covers: { values: [a], by: { file: x.json, key: k } } }")]
    [InlineData("", "RG1030", "  - { id: bad, ledger: { file: SHA256SUMS, entries: \"a[*]\" } }")]
    [InlineData("", "RG1023", "  - { id: bad, file: d.json, expect: { \"values.*~.x\": 1 } }")]
    [InlineData("", "RG1024", "  - { id: bad, file: d.json, expect: { \"items[?id==^.id]\": { count: { max: 0 } } } }")]
    [InlineData("", "RG1025", "  - { id: bad, file: d.json, expect: { v: { min-field: { file: bundle:run-1/x.json, path: v, if-none: pass } } } }")]
    [InlineData("", "RG1026", "  - { id: bad, file: d.json, expect: { v: { equals-field: { file-name: stem } } } }")]
    public async Task Malformed_use_exits_2_and_writes_nothing(string countsAs, string code, string gates = "")
    {
        WriteRunbook(countsAs, gates);

        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}:", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]), "nothing may be written for a runbook that does not load");
    }

    [Fact]
    public async Task Covers_reads_its_values_from_the_latest_committed_bundle_strictly()
    {
        _folder.Write("evidence/a.txt", "a");
        _folder.Write("known.json", """{ "known": [ { "id": "present" }, { "id": "earlier-checks-known" } ] }""");
        _folder.Write("rungates.yml", """
            version: 1
            name: chained
            run: { bundles: out, evidence: evidence }
            gates:
              - { id: present, files: [a.txt] }
              - id: earlier-checks-known
                covers:
                  values: { file: "bundle:LATEST/results.json", path: "checks[*].id" }
                  by: { file: "spec:known.json", path: "known[*]", key: id }
            """);

        var first = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");
        var second = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");
        File.AppendAllText(Path.Combine(LatestBundle(), "results.json"), " ");
        var third = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");

        Assert.True(first.ExitCode != 0, "no earlier bundle: the values cannot be read, so the check cannot pass");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(third.ExitCode != 0, "a bundle whose results.json no longer matches its artifact index is refused");
        var check = ReadJson(Path.Combine(LatestBundle(), "results.json")).GetProperty("checks")[1];
        Assert.Equal("earlier-checks-known", check.GetProperty("id").GetString());
        Assert.Equal("failed", check.GetProperty("outcome").GetString());
        Assert.Contains("does not validate", check.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("(RG4001)", check.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
