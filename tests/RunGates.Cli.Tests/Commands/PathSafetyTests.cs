using System.Text.Json;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Commands;

/// <summary>
/// Every path stays below its root: one the runbook names that climbs out is refused at load (exit 2, file, line,
/// column, nothing written); evidence that leads out through a link fails its check with RG4004 before a byte is read.
/// </summary>
public sealed class PathSafetyTests : IDisposable
{
    // What an attacker wants printed: the shape of a shadow file's first line.
    private const string Secret = "root:$6$SHADOWHASH";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Header = "version: 1\nname: paths\nrun: { bundles: out, evidence: evidence }\n";

    [Theory]
    [InlineData("gates:\n  - { id: g, file: ../outside.json, expect: { status: PASS } }\n", "RG1040", 5, 20, "file")]
    [InlineData("gates:\n  - { id: g, file: /etc/shadow, expect: { status: PASS } }\n", "RG1040", 5, 20, "file")]
    [InlineData("preflight:\n  - { id: p, file: sub/../../x.json, expect: { status: PASS } }\n", "RG1040", 5, 20, "file")]
    [InlineData("gates:\n  - id: s\n    same: [ { ../a.json: seed }, { run: seed } ]\n", "RG1040", 6, 15, "an entry of same")]
    [InlineData("gates:\n  - { id: l, ledger: ../SHA256SUMS }\n", "RG1040", 5, 22, "ledger")]
    [InlineData("preflight:\n  - { id: t, tools: { node: { version-file: ../../.nvmrc } } }\n", "RG1040", 5, 45, "version-file")]
    [InlineData("ledger: { file: ../SHA256SUMS }\n", "RG1040", 4, 17, "ledger.file")]
    [InlineData("ledger: { root: ../.. }\n", "RG1040", 4, 17, "ledger.root")]
    [InlineData("ledger: { copy-to: /tmp/SHA256SUMS }\n", "RG1040", 4, 20, "ledger.copy-to")]
    [InlineData("promote: { packet: ../../promotion_packet.json }\n", "RG1040", 4, 20, "promote.packet")]
    [InlineData("promote: { packet: /tmp/packet.json }\n", "RG1040", 4, 20, "promote.packet")]
    [InlineData("gates:\n  - { id: ../../escape, files: [a] }\n", "RG1041", 5, 11, "check")]
    [InlineData("gates:\n  - { id: a/b, files: [a] }\n", "RG1041", 5, 11, "check")]
    [InlineData("gates:\n  - { id: .., files: [a] }\n", "RG1041", 5, 11, "check")]
    public async Task A_path_or_id_that_leaves_its_root_is_refused_at_load_with_exit_2_and_nothing_written(string yaml, string code, int line, int column, string what)
    {
        _folder.Write("evidence/a", "present");
        _folder.Write("rungates.yml", Header + yaml);

        var run = await RunGatesCli.RunAsync(_folder.Path, "run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"rungates.yml({line},{column}): error {code}: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(code == "RG1041" ? $"expected a {what} id usable as a file name" : $"for {what}, found", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]), "a refused runbook opened a bundle");
    }

    [Fact]
    public async Task A_step_id_with_a_separator_is_refused_at_load_rather_than_crashing_mid_run()
    {
        _folder.Write("rungates.yml", "version: 1\nname: paths\nrun:\n  bundles: out\n  steps:\n    - { id: ../../../escape, run: \"true\" }\n");

        var run = await RunGatesCli.RunAsync(_folder.Path, "run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("rungates.yml(6,13): error RG1041: expected a step id usable as a file name, found '../../../escape': the id contains a path separator", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]));
    }

    [Theory]
    [InlineData("{ id: leak, file: result.json, expect: { status: PASS } }")]
    [InlineData("{ id: leak, each: \"*.json\", expect: { status: PASS } }")]
    [InlineData("{ id: leak, same: [ { result.json: status }, { other.json: status } ] }")]
    [InlineData("{ id: leak, files: [result.json] }")]
    [InlineData("{ id: leak, files: [\"*.json\"] }")]
    public async Task Evidence_linked_outside_the_evidence_root_fails_with_RG4004_and_no_byte_of_it_is_printed(string gate)
    {
        // Before the rule the link was followed: "invalid JSON: 'r' is an invalid start of a value" quoted the target.
        _folder.Write("outside/shadow", Secret + "\n");
        _folder.Write("evidence/other.json", "{ \"status\": \"PASS\" }");
        File.CreateSymbolicLink(_folder["evidence/result.json"], _folder["outside/shadow"]);
        _folder.Write("rungates.yml", Header + "gates:\n  - " + gate + "\n");

        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var leak = JsonDocument.Parse(run.Out).RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "leak");
        Assert.Equal("failed", leak.GetProperty("outcome").GetString());
        Assert.Contains("RG4004", leak.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("resolves through a symbolic link", leak.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertNowhere(run, "root:", "SHADOWHASH", "'r'");
    }

    [Fact]
    public async Task An_evidence_folder_linked_outside_fails_every_document_it_leads_to()
    {
        _folder.Write("outside/receipts/a.json", "{ \"status\": \"PASS\", \"hint\": \"" + Secret + "\" }");
        Directory.CreateDirectory(_folder["evidence"]);
        Directory.CreateSymbolicLink(_folder["evidence/receipts"], _folder["outside/receipts"]);
        _folder.Write("rungates.yml", Header + "gates:\n  - { id: receipts, each: \"receipts/*.json\", expect: { status: PASS } }\n");

        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var check = JsonDocument.Parse(run.Out).RootElement.GetProperty("checks")[0];
        Assert.Equal("failed", check.GetProperty("outcome").GetString());
        Assert.Contains("RG4004", check.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertNowhere(run, "SHADOWHASH");
    }

    [Fact]
    public async Task A_link_that_stays_inside_the_evidence_root_is_read()
    {
        _folder.Write("evidence/real/result.json", "{ \"status\": \"PASS\" }");
        File.CreateSymbolicLink(_folder["evidence/result.json"], "real/result.json");
        _folder.Write("rungates.yml", Header + "gates:\n  - { id: inside, file: result.json, expect: { status: PASS } }\n");

        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Ledger_merge_refuses_an_entry_that_climbs_out_and_writes_nothing()
    {
        var digest = new string('a', 64);
        _folder.Write("a.sha256", $"{digest}  bin/a\n");
        _folder.Write("b.sha256", $"{digest}  ../../etc/shadow\n");

        var merge = await RunGatesCli.RunAsync(_folder.Path, "ledger", "merge", "a.sha256", "b.sha256", "-o", "SHA256SUMS");

        Assert.True(merge.ExitCode == 1, merge.ToString());
        Assert.Contains("../../etc/shadow: error RG4004: the path climbs out of the root with '..' (b.sha256 line 1); not merged", merge.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["SHA256SUMS"]));
    }

    /// <summary>Not on stdout or stderr, and not in any file the run wrote.</summary>
    private void AssertNowhere(CliRun run, params string[] texts)
    {
        var written = Directory.Exists(_folder["out"])
            ? Directory.EnumerateFiles(_folder["out"], "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList()
            : [];
        foreach (var text in texts)
        {
            Assert.DoesNotContain(text, run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(text, run.Error, StringComparison.Ordinal);
            Assert.All(written, content => Assert.DoesNotContain(text, content, StringComparison.Ordinal));
        }
    }
}
