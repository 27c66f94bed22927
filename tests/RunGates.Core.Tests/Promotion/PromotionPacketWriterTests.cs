using System.Diagnostics;
using System.Text.Json.Nodes;
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
        var result = _run.Result([_run.Passed("inputs", Phase.Preflight), _run.Passed("gtt", severity: Severity.Blocker)]) with { LedgerPath = ledger };

        var path = PromotionPacketWriter.Write(result, Settings(), new string('f', 64), Emitted);

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
        Assert.Equal(new string('f', 64), (string?)json["artifact_index"]!["sha256"]);
        Assert.Equal("2026-11-22T12:30:00.0000000Z", (string?)json["emitted_at"]);
        Assert.Equal("rungates", (string?)json["verifier"]!["name"]);
        Assert.Equal("0.1.0", (string?)json["verifier"]!["version"]);
        Assert.Equal(["id", "phase", "severity", "outcome"], json["checks"]![1]!.AsObject().Select(p => p.Key));
        Assert.Equal("blocker", (string?)json["checks"]![1]!["severity"]);
        Assert.True((bool)json["promotable"]!);
        Assert.Empty(json["reasons"]!.AsArray());
    }

    [Fact]
    public void Unpromotable_run_gets_a_packet_that_says_so_with_its_reasons()
    {
        var result = _run.Result([_run.Failed("lint", severity: Severity.Advisory)]);

        var packet = PromotionPacket.Read(PromotionPacketWriter.Write(result, Settings(), new string('f', 64), Emitted));

        Assert.False(packet.Promotable);
        Assert.Equal(["The verdict is partial (PARTIAL); promotion requires pass (CERTIFIED) or better.", "Check lint: failed."], packet.Reasons);
    }

    [Fact]
    public void Dirty_tree_and_missing_ledger_are_recorded_as_they_are()
    {
        var result = _run.Result([_run.Passed("a")]);
        result = result with { Manifest = result.Manifest with { GitSha = null, GitDirty = null } };

        var json = JsonNode.Parse(File.ReadAllText(PromotionPacketWriter.Write(result, Settings(), new string('f', 64), Emitted)))!;

        Assert.Null(json["git_sha"]);
        Assert.Null(json["git_dirty"]);
        Assert.Null(json["ledger"]);
        Assert.True((bool)json["promotable"]!);
    }

    [Fact]
    public void Read_returns_what_was_written_and_no_temp_file_is_left()
    {
        var result = _run.Result([_run.Passed("a"), _run.With(Outcome.Waived, "docs")]);

        var path = PromotionPacketWriter.Write(result, Settings("packets/helios.json"), new string('e', 64), Emitted);
        var packet = PromotionPacket.Read(path);

        Assert.Equal(Path.Combine(_run.Bundle, "packets", "helios.json"), path);
        Assert.Equal(result.Manifest.RunId, packet.RunId);
        Assert.Equal(Verdict.Partial, packet.Verdict);
        Assert.Equal(new PromotionFileDigest("artifact_index.json", new string('e', 64)), packet.ArtifactIndex);
        Assert.Equal(new PromotionCheck("docs", Phase.Gates, Severity.Required, Outcome.Waived), packet.Checks[1]);
        Assert.Equal(Emitted, packet.EmittedAt);
        Assert.Equal(["helios.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Rewriting_replaces_the_packet_whole()
    {
        var path = PromotionPacketWriter.Write(_run.Result([_run.Failed("a")]), Settings(), new string('1', 64), Emitted);
        PromotionPacketWriter.Write(_run.Result([_run.Passed("a")]), Settings(), new string('2', 64), Emitted);

        var packet = PromotionPacket.Read(path);
        Assert.True(packet.Promotable);
        Assert.Equal(new string('2', 64), packet.ArtifactIndex.Sha256);
    }

    [Fact]
    public void Packet_name_that_leaves_the_bundle_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PromotionPacketWriter.Write(_run.Result([_run.Passed("a")]), Settings("../escape.json"), new string('f', 64), Emitted));

        Assert.Contains("leaves the bundle", error.Message, StringComparison.Ordinal);
        Assert.Contains("rungates.yml(50,5)", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_run.Bundle)!, "escape.json")));
    }

    [Fact]
    public void Run_without_a_bundle_cannot_be_given_a_packet() =>
        Assert.Throws<InvalidOperationException>(() =>
            PromotionPacketWriter.Write(_run.Result([_run.Passed("a")], bundle: false), Settings(), new string('f', 64), Emitted));

    [Fact]
    public void Read_of_a_broken_packet_names_the_file()
    {
        var path = Path.Combine(_run.Bundle, "promotion_packet.json");
        File.WriteAllText(path, "{ \"run_id\": 3 }");

        var error = Assert.Throws<InvalidDataException>(() => PromotionPacket.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packet_verifies_against_its_bundle_until_a_file_changes()
    {
        var index = Path.Combine(_run.Bundle, "artifact_index.json");
        File.WriteAllText(index, "{\"files\": []}\n");
        var ledger = Path.Combine(_run.Bundle, "SHA256SUMS");
        File.WriteAllText(ledger, "");
        var result = _run.Result([_run.Passed("a")]) with { LedgerPath = ledger };
        var packet = PromotionPacket.Read(PromotionPacketWriter.Write(result, Settings(), Sha256Sum(index), Emitted));

        Assert.Empty(packet.Verify(_run.Bundle));

        File.AppendAllText(index, " ");
        File.Delete(ledger);
        var problems = packet.Verify(_run.Bundle);

        Assert.Equal(2, problems.Count);
        Assert.Contains($"{index}: error RG4001: the artifact index's SHA-256 is {Sha256Sum(index)}, expected {packet.ArtifactIndex.Sha256}", problems[0].ToString(), StringComparison.Ordinal);
        Assert.Equal($"{ledger}: error RG4002: the ledger the packet names does not exist.", problems[1].ToString());
    }

    [Fact]
    public void An_infeasible_check_is_listed_with_what_it_counts_as_and_each_record_reason()
    {
        var infeasible = _run.With(Outcome.Infeasible, "s03-blocked") with
        {
            InfeasibleCountsAs = InfeasibleCountsAs.Passed,
            Findings = [new CheckFinding("derivations/a.yaml: infeasible: tier C", _run.Evidence("derivations/a.yaml", 1, 1)), new CheckFinding("derivations/b.yaml: infeasible: TBD", _run.Evidence("derivations/b.yaml", 1, 1))],
        };

        var json = JsonNode.Parse(File.ReadAllText(PromotionPacketWriter.Write(_run.Result([_run.Passed("a"), infeasible]), Settings(), new string('f', 64), Emitted)))!;

        Assert.True((bool)json["promotable"]!);
        var listed = json["checks"]![1]!;
        Assert.Equal(("infeasible", "passed"), ((string?)listed["outcome"], (string?)listed["counts_as"]));
        Assert.Equal(["derivations/a.yaml: infeasible: tier C", "derivations/b.yaml: infeasible: TBD"], listed["reasons"]!.AsArray().Select(r => (string?)r));
        Assert.Null(json["checks"]![0]!["counts_as"]);
        Assert.Null(json["checks"]![0]!["reasons"]);
    }
}
