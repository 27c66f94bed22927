using System.Security.Cryptography;
using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Checks;

/// <summary><c>ledger:</c> in its map form: complete SHA256SUMS (unlisted: fail, exclude) and JSON digest indexes.</summary>
public sealed class CompleteLedgerCheckTests : IDisposable
{
    private readonly LoadedGateFixture _fixture = new();

    private TempFolder Tree => _fixture.Tree;

    public void Dispose() => _fixture.Dispose();

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private void WriteSums()
    {
        Tree.Write("evidence/reports/a.txt", "a\n");
        Tree.Write("evidence/reports/b.txt", "b\n");
        Tree.Write("evidence/reports/SHA256SUMS", LedgerWriter.Format(LedgerWriter.Build(Tree["evidence/reports"], ["**/*"], ["SHA256SUMS"])));
    }

    [Fact]
    public async Task A_file_the_ledger_does_not_list_fails_naming_it()
    {
        WriteSums();
        Tree.Write("evidence/reports/extra/late.json", "{}");

        var result = await _fixture.EvaluateAsync("{ id: g, ledger: { file: reports/SHA256SUMS, unlisted: fail } }");

        Assert.Equal(Outcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("extra/late.json: is on disk but not listed in SHA256SUMS (RG4003)", finding.Message);
        Assert.Equal(Tree["evidence/reports/extra/late.json"], finding.Position!.File);
    }

    [Fact]
    public async Task Unlisted_files_pass_by_default_as_the_string_form_always_did()
    {
        WriteSums();
        Tree.Write("evidence/reports/late.json", "{}");

        var map = await _fixture.EvaluateAsync("{ id: g, ledger: { file: reports/SHA256SUMS } }");
        var text = await _fixture.EvaluateAsync("{ id: g, ledger: reports/SHA256SUMS }");

        Assert.Equal((Outcome.Passed, "2 files match reports/SHA256SUMS"), (map.Outcome, map.Message));
        Assert.Equal((Outcome.Passed, "2 files match reports/SHA256SUMS"), (text.Outcome, text.Message));
    }

    [Fact]
    public async Task A_complete_ledger_passes_and_never_counts_itself_as_unlisted()
    {
        WriteSums();

        var result = await _fixture.EvaluateAsync("{ id: g, ledger: { file: reports/SHA256SUMS, unlisted: fail } }");

        Assert.Equal(Outcome.Passed, result.Outcome);
        Assert.Equal("2 files match reports/SHA256SUMS, and every file under its root is listed", result.Message);
    }

    [Fact]
    public async Task Exclude_globs_relative_to_the_root_are_never_unlisted()
    {
        WriteSums();
        Tree.Write("evidence/reports/logs/run.log", "noise");
        Tree.Write("evidence/reports/late.json", "{}");

        var result = await _fixture.EvaluateAsync("{ id: g, ledger: { file: reports/SHA256SUMS, unlisted: fail, exclude: [\"**/*.log\"] } }");

        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("late.json: is on disk but not listed", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_root_beside_the_ledger_resolves_entries_and_keeps_the_ledger_out_of_the_scan()
    {
        Tree.Write("evidence/tree/a.txt", "a\n");
        Tree.Write("evidence/sums/SHA256SUMS", $"{Sha("a\n")}  a.txt\n");
        Tree.Write("evidence/tree/b.txt", "b\n");

        var result = await _fixture.EvaluateAsync("{ id: g, ledger: { file: sums/SHA256SUMS, root: tree, unlisted: fail } }");

        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("b.txt: is on disk but not listed in SHA256SUMS", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sha256sum_c_agrees_with_the_map_form_on_every_listed_file(bool drift)
    {
        WriteSums();
        Tree.Write("evidence/reports/logs/run.log", "excluded");
        if (drift)
        {
            File.AppendAllText(Tree["evidence/reports/b.txt"], "x");
        }

        var result = await _fixture.EvaluateAsync("{ id: g, ledger: { file: reports/SHA256SUMS, unlisted: fail, exclude: [\"logs/**\"] } }");
        var (exit, output, _) = ExternalTool.Run(Tree["evidence/reports"], "sha256sum", "-c", "--strict", "SHA256SUMS");

        Assert.Equal(drift ? (1, Outcome.Failed) : (0, Outcome.Passed), (exit, result.Outcome));
        Assert.Equal(drift, output.Contains("b.txt: FAILED", StringComparison.Ordinal));
        Assert.Equal(drift, result.Findings.Any(f => f.Message.StartsWith("b.txt: SHA-256 is", StringComparison.Ordinal)));
    }

    private void WriteIndex(string aDigest, string extraEntry = "")
    {
        Tree.Write("evidence/bundle/expected_matrix.json", "{\"a\":1}\n");
        Tree.Write("evidence/bundle/lanes/one.json", "[]\n");
        Tree.Write("evidence/bundle/artifact_index.json", $$"""
            {
              "schema": "runtime-artifact-index/1",
              "artifacts": [
                { "path": "expected_matrix.json", "size": 8, "sha256": "{{aDigest}}" },
                { "path": "lanes/one.json", "size": 3, "sha256": "{{Sha("[]\n").ToUpperInvariant()}}" }{{extraEntry}}
              ]
            }
            """);
    }

    private const string JsonGate = "{ id: g, severity: blocker, ledger: { file: bundle/artifact_index.json, format: json, entries: \"artifacts[*]\", path: path, sha256: sha256, unlisted: fail } }";

    [Fact]
    public async Task A_json_digest_index_verifies_with_the_sha256sum_rules()
    {
        WriteIndex(Sha("{\"a\":1}\n"));

        var result = await _fixture.EvaluateAsync(JsonGate);

        Assert.Equal(Outcome.Passed, result.Outcome);
        Assert.Equal("2 files match bundle/artifact_index.json, and every file under its root is listed", result.Message);
    }

    [Fact]
    public async Task A_drifted_digest_fails_with_RG4001_at_the_entry_line_and_column()
    {
        WriteIndex(Sha("something else"));

        var result = await _fixture.EvaluateAsync(JsonGate);

        Assert.Equal(Outcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.StartsWith($"expected_matrix.json: SHA-256 is {Sha("{\"a\":1}\n")}, expected {Sha("something else")} (artifact_index.json line 4)", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("(RG4001)", finding.Message, StringComparison.Ordinal);
        Assert.Equal((Tree["evidence/bundle/artifact_index.json"], 4, 5), (finding.Position!.File, finding.Position.Line, finding.Position.Column));
    }

    [Theory]
    [InlineData("../outside.txt", "the path climbs out of the root")]
    [InlineData("/etc/passwd", "the path is absolute")]
    public async Task An_entry_leaving_the_root_is_refused_with_RG4004_and_never_read(string listed, string reason)
    {
        Tree.Write("evidence/outside.txt", "secret");
        WriteIndex(Sha("{\"a\":1}\n"), $",\n    {{ \"path\": \"{listed}\", \"sha256\": \"{Sha("secret")}\" }}");

        var result = await _fixture.EvaluateAsync(JsonGate);

        var finding = Assert.Single(result.Findings);
        Assert.StartsWith($"{listed}: {reason}", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("(RG4004)", finding.Message, StringComparison.Ordinal);
        Assert.Equal((6, 5), (finding.Position!.Line, finding.Position.Column));
    }

    [Fact]
    public async Task An_entry_whose_file_is_gone_is_RG4002()
    {
        WriteIndex(Sha("{\"a\":1}\n"), $",\n    {{ \"path\": \"lanes/two.json\", \"sha256\": \"{Sha("gone")}\" }}");

        var result = await _fixture.EvaluateAsync(JsonGate);

        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("lanes/two.json: expected a file with SHA-256", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("(RG4002)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_in_the_bundle_the_index_does_not_list_fails_but_the_index_itself_does_not()
    {
        WriteIndex(Sha("{\"a\":1}\n"));
        Tree.Write("evidence/bundle/lanes/unindexed.json", "{}");

        var result = await _fixture.EvaluateAsync(JsonGate);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("lanes/unindexed.json: is on disk but not listed in artifact_index.json (RG4003)", finding.Message);
    }

    [Fact]
    public async Task An_entry_without_a_digest_is_malformed_at_its_own_position()
    {
        WriteIndex(Sha("{\"a\":1}\n"), ",\n    { \"path\": \"lanes/one.json\", \"sha256\": \"tbd\" }");

        var result = await _fixture.EvaluateAsync(JsonGate);

        var finding = Assert.Single(result.Findings);
        Assert.Contains("artifacts[2] (lanes/one.json): expected 64 hex digits at sha256, found \"tbd\"", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("(RG4006)", finding.Message, StringComparison.Ordinal);
        Assert.Equal((6, 43), (finding.Position!.Line, finding.Position.Column));
    }

    [Fact]
    public async Task An_index_without_its_entries_fails_rather_than_passing_empty()
    {
        Tree.Write("evidence/bundle/artifact_index.json", "{ \"files\": [] }");

        var result = await _fixture.EvaluateAsync(JsonGate);

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Contains("expected entries at artifacts[*], found nothing there (RG4006)", Assert.Single(result.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_with_no_entries_is_missing_not_a_pass()
    {
        Tree.Write("evidence/bundle/artifact_index.json", "{ \"artifacts\": [] }");

        var result = await _fixture.EvaluateAsync(JsonGate.Replace(", unlisted: fail", "", StringComparison.Ordinal));

        Assert.Equal(Outcome.Missing, result.Outcome);
    }

    [Fact]
    public async Task A_json_digest_index_that_is_a_fifo_fails_the_check_and_is_never_waited_on()
    {
        Tree.Write("evidence/bundle/lanes/one.json", "[]\n");
        Assert.Equal(0, ExternalTool.Run(Tree["evidence/bundle"], "mkfifo", "artifact_index.json").ExitCode);

        var result = await _fixture.EvaluateAsync(JsonGate).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotEqual(Outcome.Passed, result.Outcome);
        Assert.Contains(result.Findings, f => f.Message.Contains("not a regular file", StringComparison.Ordinal) || f.Message.Contains("named pipe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_yaml_digest_index_reports_positions_too()
    {
        Tree.Write("evidence/a.txt", "a\n");
        Tree.Write("evidence/index.yml", $"files:\n  - name: a.txt\n    digest: {Sha("b\n")}\n");

        var result = await _fixture.EvaluateAsync("{ id: g, ledger: { file: index.yml, format: json, entries: files, path: name, sha256: digest } }");

        var finding = Assert.Single(result.Findings);
        Assert.EndsWith("(RG4001)", finding.Message, StringComparison.Ordinal);
        Assert.Equal((2, 5), (finding.Position!.Line, finding.Position.Column));
    }

    [Fact]
    public async Task A_json_entry_reached_through_a_link_outside_the_root_is_RG4004_and_never_read()
    {
        Tree.Write("outside/secret.json", "secret");
        WriteIndex(Sha("{\"a\":1}\n"), $",\n    {{ \"path\": \"lanes/leak.json\", \"sha256\": \"{Sha("secret")}\" }}");
        File.CreateSymbolicLink(Tree["evidence/bundle/lanes/leak.json"], Tree["outside/secret.json"]);

        var result = await _fixture.EvaluateAsync(JsonGate);

        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("lanes/leak.json: resolves through a symbolic link", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("(RG4004)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(6, finding.Position!.Line);
    }

    [Fact]
    public async Task Json_entries_may_be_chosen_by_a_filter()
    {
        WriteIndex(Sha("{\"a\":1}\n"), ",\n    { \"kind\": \"external\", \"path\": \"https://example.invalid/x\", \"sha256\": \"tbd\" }");

        var result = await _fixture.EvaluateAsync(JsonGate.Replace("artifacts[*]", "artifacts[?kind!=external]", StringComparison.Ordinal));

        Assert.Equal(Outcome.Passed, result.Outcome);
    }
}
