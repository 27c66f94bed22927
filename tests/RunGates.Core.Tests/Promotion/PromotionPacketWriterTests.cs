using System.Diagnostics;
using System.Text.Json.Nodes;
using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Promotion;
using RunGates.Core.Runbooks;
using RunGates.Core.Tests.Reports;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Promotion;

public sealed class PromotionPacketWriterTests : IDisposable
{
    private static readonly DateTimeOffset Emitted = new(2026, 11, 22, 14, 30, 0, TimeSpan.FromHours(2));
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private PromoteSettings Settings(string packet = PromoteSettings.DefaultPacket) => new(Verdict.Pass, packet, _run.Spec(50));

    private static string Sha256Sum(string path)
    {
        var process = Process.Start(new ProcessStartInfo("sha256sum", [path]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split(' ')[0];
    }

    [Fact]
    public void Packet_has_the_documented_fields_and_the_ledger_digest()
    {
        var ledger = Path.Combine(_run.Bundle, "SHA256SUMS");
        File.WriteAllText(ledger, $"{new string('0', 64)}  a.txt\n");
        var result = _run.Result([_run.Passed("inputs", Phase.Preflight), _run.Passed("gtt", severity: Severity.Blocker)], Settings()) with { LedgerPath = ledger };

        var path = CommittedBundle.CommitWithPacket(result, Emitted);

        Assert.Equal(Path.Combine(_run.Bundle, "promotion_packet.json"), path);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal(
            ["run_id", "runbook", "verdict", "verdict_name", "git_sha", "git_dirty", "spec_digest", "ledger", "artifact_index", "checks", "verifier", "emitted_at", "promotable", "reasons"],
            json.Select(p => p.Key));
        Assert.Equal("pass", (string?)json["verdict"]);
        Assert.Equal("CERTIFIED", (string?)json["verdict_name"]);
        Assert.Equal("SHA256SUMS", (string?)json["ledger"]!["file"]);
        Assert.Equal(Sha256Sum(ledger), (string?)json["ledger"]!["sha256"]);
        Assert.Equal("artifact_index.json", (string?)json["artifact_index"]!["file"]);
        Assert.Equal(Sha256Sum(Path.Combine(_run.Bundle, "artifact_index.json")), (string?)json["artifact_index"]!["sha256"]);
        Assert.Equal("2026-11-22T12:30:00.0000000Z", (string?)json["emitted_at"]);
        Assert.Equal("rungates", (string?)json["verifier"]!["name"]);
        Assert.Equal("0.1.0", (string?)json["verifier"]!["version"]);
        Assert.Equal(["id", "phase", "severity", "outcome"], json["checks"]![1]!.AsObject().Select(p => p.Key));
        Assert.Equal("blocker", (string?)json["checks"]![1]!["severity"]);
        Assert.True((bool)json["promotable"]!);
        Assert.Empty(json["reasons"]!.AsArray());
    }

    [Fact]
    public void A_packet_naming_a_key_twice_is_not_read_with_the_last_value_winning()
    {
        var path = CommittedBundle.CommitWithPacket(_run.Result([_run.Failed("lint", severity: Severity.Required)], Settings()), Emitted);
        var text = File.ReadAllText(path);
        Assert.Contains("\"promotable\": false", text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace("\"promotable\": false", "\"promotable\": false,\n  \"promotable\": true", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => PromotionPacket.Read(path));

        Assert.Contains("not a promotion packet", error.Message, StringComparison.Ordinal);
        Assert.Contains("promotable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpromotable_run_gets_a_packet_that_says_so_with_its_reasons()
    {
        var result = _run.Result([_run.Failed("lint", severity: Severity.Advisory)], Settings());

        var packet = PromotionPacket.Read(CommittedBundle.CommitWithPacket(result, Emitted));

        Assert.False(packet.Promotable);
        Assert.Equal(["The verdict is partial (PARTIAL); promotion requires pass (CERTIFIED) or better.", "Check lint: failed."], packet.Reasons);
    }

    [Fact]
    public void Dirty_tree_and_missing_ledger_are_recorded_as_they_are()
    {
        var result = _run.Result([_run.Passed("a")], Settings());
        result = result with { Manifest = result.Manifest with { GitSha = null, GitDirty = null } };

        var json = JsonNode.Parse(File.ReadAllText(CommittedBundle.CommitWithPacket(result, Emitted)))!;

        Assert.Null(json["git_sha"]);
        Assert.Null(json["git_dirty"]);
        Assert.Null(json["ledger"]);
        Assert.True((bool)json["promotable"]!);
    }

    [Fact]
    public void Read_returns_what_was_written_and_no_temp_file_is_left()
    {
        var result = _run.Result([_run.Passed("a"), _run.With(Outcome.Waived, "docs")], Settings("packets/helios.json"));

        var path = CommittedBundle.CommitWithPacket(result, Emitted);
        var packet = PromotionPacket.Read(path);

        Assert.Equal(Path.Combine(_run.Bundle, "packets", "helios.json"), path);
        Assert.Equal(result.Manifest.RunId, packet.RunId);
        Assert.Equal(Verdict.Partial, packet.Verdict);
        Assert.Equal(new PromotionFileDigest("artifact_index.json", Sha256Sum(Path.Combine(_run.Bundle, "artifact_index.json"))), packet.ArtifactIndex);
        Assert.Equal(new PromotionCheck("docs", Phase.Gates, Severity.Required, Outcome.Waived), packet.Checks[1]);
        Assert.Equal(Emitted, packet.EmittedAt);
        Assert.Equal(["helios.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Packet_is_made_from_the_committed_files_not_from_what_the_caller_claims()
    {
        var (committed, indexSha256) = CommittedBundle.Commit(_run.Result([_run.Failed("a")], Settings()));
        var claimed = committed with { Verdict = Verdict.Pass, Promotable = true, PromotionReasons = [] };

        var packet = PromotionPacketWriter.Build(claimed, Settings(), indexSha256, Emitted);

        Assert.Equal(Verdict.Incomplete, packet.Verdict);
        Assert.False(packet.Promotable);
        Assert.Equal(committed.PromotionReasons, packet.Reasons);
    }

    [Fact]
    public void Index_changed_after_commit_gets_no_packet()
    {
        var (committed, indexSha256) = CommittedBundle.Commit(_run.Result([_run.Passed("a")], Settings()));
        File.AppendAllText(Path.Combine(_run.Bundle, "artifact_index.json"), " ");

        var error = Assert.Throws<InvalidOperationException>(() => PromotionPacketWriter.Build(committed, Settings(), indexSha256, Emitted));

        Assert.Contains("changed after commit", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_run.Bundle, "promotion_packet.json")));
    }

    [Fact]
    public void Packet_name_that_leaves_the_bundle_is_refused_by_the_commit_that_writes_it()
    {
        // The loader refuses such a name first (RG1040, PathSafetyTests); the commit refuses it again, writing nothing outside.
        var result = _run.Result([_run.Passed("a")], Settings());
        var bundle = RunBundle.Open(Path.GetDirectoryName(_run.Bundle)!, Path.GetFileName(_run.Bundle), result.Manifest);

        var error = Assert.Throws<BundleException>(() => bundle.Commit(TimeProvider.System, result.Manifest, "../escape.json", _ => "{}"));

        Assert.Equal("RG1050", error.Diagnostic.Code);
        Assert.Contains("promote.packet: ../escape.json", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_run.Bundle)!, "escape.json")));
        Assert.False(File.Exists(Path.Combine(_run.Bundle, "artifact_index.json")));
    }

    [Fact]
    public void Run_without_a_bundle_cannot_be_given_a_packet() =>
        Assert.Throws<InvalidOperationException>(() =>
            PromotionPacketWriter.Build(_run.Result([_run.Passed("a")], bundle: false), Settings(), new string('f', 64), Emitted));

    [Fact]
    public void Read_of_a_broken_packet_names_the_file()
    {
        var path = Path.Combine(_run.Bundle, "promotion_packet.json");
        File.WriteAllText(path, "{ \"run_id\": 3 }");

        var error = Assert.Throws<InvalidDataException>(() => PromotionPacket.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infeasible_check_is_listed_with_what_it_counts_as_and_each_record_reason()
    {
        var infeasible = _run.With(Outcome.Infeasible, "s03-blocked") with
        {
            InfeasibleCountsAs = InfeasibleCountsAs.Passed,
            Findings = [new CheckFinding("derivations/a.yaml: infeasible: tier C", _run.Evidence("derivations/a.yaml", 1, 1)), new CheckFinding("derivations/b.yaml: infeasible: TBD", _run.Evidence("derivations/b.yaml", 1, 1))],
        };

        var json = JsonNode.Parse(File.ReadAllText(CommittedBundle.CommitWithPacket(_run.Result([_run.Passed("a"), infeasible], Settings()), Emitted)))!;

        Assert.True((bool)json["promotable"]!);
        var listed = json["checks"]![1]!;
        Assert.Equal(("infeasible", "passed"), ((string?)listed["outcome"], (string?)listed["counts_as"]));
        Assert.Equal(["derivations/a.yaml: infeasible: tier C", "derivations/b.yaml: infeasible: TBD"], listed["reasons"]!.AsArray().Select(r => (string?)r));
        Assert.Null(json["checks"]![0]!["counts_as"]);
        Assert.Null(json["checks"]![0]!["reasons"]);
    }
}
