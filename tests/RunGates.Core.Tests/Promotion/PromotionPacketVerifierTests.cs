using System.Text.Json.Nodes;
using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Ledgers;
using RunGates.Core.Promotion;
using RunGates.Core.Runbooks;
using RunGates.Core.Tests.Reports;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Promotion;

public sealed class PromotionPacketVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Emitted = new(2026, 11, 22, 14, 30, 0, TimeSpan.Zero);
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private PromoteSettings Settings => new(Verdict.Pass, PromoteSettings.DefaultPacket, _run.Spec(50));

    private string PacketPath => Path.Combine(_run.Bundle, "promotion_packet.json");

    /// <summary>An incomplete run with a ledger: the issue's own case, not promotable.</summary>
    private void CommitIncompleteRun()
    {
        var ledger = Path.Combine(_run.Bundle, "SHA256SUMS");
        File.WriteAllText(ledger, $"{new string('0', 64)}  a.txt\n");
        CommittedBundle.CommitWithPacket(_run.Result([_run.Passed("inputs", Phase.Preflight), _run.With(Outcome.Missing, "burst-cap")], Settings) with { LedgerPath = ledger }, Emitted);
    }

    private void EditPacket(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(PacketPath))!.AsObject();
        edit(json);
        File.WriteAllText(PacketPath, json.ToJsonString());
    }

    /// <summary>Rewrites results.json and then the artifact index over it, as an attacker with write access can.</summary>
    private void ForgeResultsAndIndex(Action<JsonObject> edit)
    {
        var resultsPath = Path.Combine(_run.Bundle, "results.json");
        var results = JsonNode.Parse(File.ReadAllText(resultsPath))!.AsObject();
        edit(results);
        File.WriteAllText(resultsPath, results.ToJsonString());
        var indexPath = Path.Combine(_run.Bundle, "artifact_index.json");
        Assert.True(ArtifactIndex.TryParse(File.ReadAllText(indexPath), out var index, out _));
        File.WriteAllText(indexPath, (index! with { Files = LedgerWriter.Build(_run.Bundle, ["**/*"], [BundleFiles.ArtifactIndex, BundleFiles.PromotionPacket]) }).ToJson());
    }

    private static string Shown(PromotionPacketVerification verification) => string.Join("\n", verification.Problems);

    [Fact]
    public void Untouched_packet_verifies_and_carries_the_recomputed_decision()
    {
        CommitIncompleteRun();

        var verification = PromotionPacketVerifier.Verify(_run.Bundle);

        Assert.True(verification.PacketVerified, Shown(verification));
        Assert.False(verification.Decision!.Promotable);
        Assert.Equal(verification.Packet!.Reasons, verification.Decision.Reasons);
    }

    [Fact]
    public void Promotable_edited_to_true_is_refused_naming_the_field()
    {
        CommitIncompleteRun();
        File.WriteAllText(PacketPath, File.ReadAllText(PacketPath).Replace("\"promotable\": false", "\"promotable\": true", StringComparison.Ordinal));

        var problem = Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems);

        Assert.Equal("promotion_packet.json: error RG4017: field 'promotable' is true, but the committed bundle gives false.", problem.ToString());
    }

    [Fact]
    public void Flipped_verdict_is_refused_naming_the_field()
    {
        CommitIncompleteRun();
        EditPacket(p => p["verdict"] = "pass");

        var problem = Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems);

        Assert.Equal("RG4017", problem.Diagnostic.Code);
        Assert.Contains("field 'verdict' is \"pass\", but the committed bundle gives \"incomplete\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleted_ledger_field_is_refused_as_missing()
    {
        CommitIncompleteRun();
        EditPacket(p => p.Remove("ledger"));

        var problem = Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems);

        Assert.Equal("RG4016", problem.Diagnostic.Code);
        Assert.StartsWith("field 'ledger' is missing; the committed bundle gives {\"file\":\"SHA256SUMS\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_inside_a_field_is_named_by_its_path()
    {
        CommitIncompleteRun();
        EditPacket(p =>
        {
            p["ledger"]!.AsObject().Remove("sha256");
            p["checks"]![1]!["outcome"] = "passed";
        });

        var problems = PromotionPacketVerifier.Verify(_run.Bundle).Problems.Select(p => $"{p.Diagnostic.Code} {p.Message}").ToList();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("RG4016 field 'ledger.sha256' is missing", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("RG4017 field 'checks[1].outcome' is \"passed\", but the committed bundle gives \"missing\"", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Emptied_reasons_and_a_changed_index_digest_are_each_named()
    {
        CommitIncompleteRun();
        EditPacket(p =>
        {
            p["reasons"] = new JsonArray();
            p["artifact_index"]!["sha256"] = new string('0', 64);
        });

        var fields = PromotionPacketVerifier.Verify(_run.Bundle).Problems.Select(p => p.Message.Split('\'')[1]).ToList();

        Assert.Equal(["artifact_index.sha256", "reasons"], fields);
    }

    [Fact]
    public void Unknown_field_is_refused_since_nothing_vouches_for_it()
    {
        CommitIncompleteRun();
        EditPacket(p => p["approved_by"] = "mallory");

        var problem = Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems);

        Assert.Equal("RG4018", problem.Diagnostic.Code);
        Assert.Contains("'approved_by'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_is_refused_so_no_two_readers_see_two_packets()
    {
        CommitIncompleteRun();
        File.WriteAllText(PacketPath, File.ReadAllText(PacketPath).Replace("\"promotable\": false", "\"promotable\": false, \"promotable\": true", StringComparison.Ordinal));

        var problem = Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems);

        Assert.Equal("RG4015", problem.Diagnostic.Code);
        Assert.Null(PromotionPacketVerifier.Verify(_run.Bundle).Packet);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{ \"run_id\": ")]
    public void Packet_that_is_no_JSON_object_is_refused(string text)
    {
        CommitIncompleteRun();
        File.WriteAllText(PacketPath, text);

        Assert.Equal("RG4015", Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems).Diagnostic.Code);
    }

    [Fact]
    public void Emitted_at_must_be_there_and_be_a_time()
    {
        CommitIncompleteRun();
        EditPacket(p => p.Remove("emitted_at"));
        var missing = Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems);
        EditPacket(p => p["emitted_at"] = "yesterday");
        var garbled = Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems);

        Assert.Equal("RG4016", missing.Diagnostic.Code);
        Assert.Contains("'emitted_at'", missing.Message, StringComparison.Ordinal);
        Assert.Equal("RG4015", garbled.Diagnostic.Code);
    }

    [Fact]
    public void Results_json_whose_promotable_does_not_follow_from_its_checks_is_refused_even_with_a_matching_index()
    {
        CommitIncompleteRun();
        ForgeResultsAndIndex(r => r["promotable"] = true);

        var problems = PromotionPacketVerifier.Verify(_run.Bundle).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("results.json: error RG4019: promotable is true, but its verdict, checks and promotion.requires give false.", problems);
    }

    [Fact]
    public void Results_json_whose_verdict_does_not_follow_from_its_checks_is_refused()
    {
        CommitIncompleteRun();
        ForgeResultsAndIndex(r => r["verdict"] = "pass");

        var problems = PromotionPacketVerifier.Verify(_run.Bundle).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("results.json: error RG4019: verdict is \"pass\", but its checks give \"incomplete\".", problems);
    }

    [Fact]
    public void Packet_in_a_run_without_a_promote_section_is_not_the_runs()
    {
        CommittedBundle.Commit(_run.Result([_run.Passed("a")]));
        File.WriteAllText(PacketPath, "{}");

        var problem = Assert.Single(PromotionPacketVerifier.Verify(_run.Bundle).Problems);

        Assert.Equal("RG4017", problem.Diagnostic.Code);
        Assert.Contains("no promote: section", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The documented limit of the integrity model: the artifact index is not signed, so someone who can write the whole
    /// bundle can rewrite results.json, the index and the packet consistently. Only a signature over the index (README,
    /// "Integrity of a bundle") would catch this; if one is added, this test must change.
    /// </summary>
    [Fact]
    public void A_consistent_rewrite_of_results_index_and_packet_together_is_not_detectable_without_a_signature()
    {
        CommitIncompleteRun();
        ForgeResultsAndIndex(r =>
        {
            r["verdict"] = "pass";
            r["verdict_name"] = "CERTIFIED";
            r["promotable"] = true;
            r["promotion_reasons"] = new JsonArray();
            foreach (var check in r["checks"]!.AsArray())
            {
                check!["outcome"] = "passed";
            }
        });
        var problems = new List<IntegrityProblem>();
        var forged = PromotionPacketWriter.Build(CommittedRun.Read(_run.Bundle, problems)!, Emitted);
        File.WriteAllText(PacketPath, forged.Serialize());

        Assert.True(PromotionPacketVerifier.Verify(_run.Bundle).PacketVerified);
    }
}
