using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Promotion;
using RunGates.Core.Runbooks;
using RunGates.Core.Tests.Reports;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Promotion;

public sealed class BundlePromoterTests : IDisposable
{
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private BundleStore Store => new(Path.GetDirectoryName(_run.Bundle)!);

    private PromoteSettings Requires(Verdict verdict) => new(verdict, PromoteSettings.DefaultPacket, _run.Spec(50));

    /// <summary>A partial run (one waived check) under promote.requires: partial, so promotable.</summary>
    private void CommitPartialRun() =>
        CommittedBundle.CommitWithPacket(_run.Result([_run.Passed("a"), _run.With(Outcome.Waived, "docs")], Requires(Verdict.Partial)), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Verified_promotable_packet_promotes()
    {
        CommitPartialRun();

        var review = BundlePromoter.Review(Store, _run.Bundle);

        Assert.True(review.Promotable, string.Join("\n", review.Problems.Select(p => p.ToString()).Concat(review.Reasons)));
        Assert.Equal(Path.Combine(_run.Bundle, "promotion_packet.json"), review.PacketPath);
    }

    [Fact]
    public void Edited_packet_is_an_integrity_problem_and_never_promotes()
    {
        var packet = CommittedBundle.CommitWithPacket(_run.Result([_run.With(Outcome.Missing, "a")], Requires(Verdict.Pass)), DateTimeOffset.UnixEpoch);
        File.WriteAllText(packet, File.ReadAllText(packet).Replace("\"promotable\": false", "\"promotable\": true", StringComparison.Ordinal));

        var review = BundlePromoter.Review(Store, _run.Bundle);

        Assert.False(review.Promotable);
        Assert.Equal("RG4017", Assert.Single(review.Problems).Diagnostic.Code);
        Assert.Null(review.Packet);
    }

    [Fact]
    public void Invalidated_bundle_is_an_integrity_problem_as_bundle_validate_says()
    {
        CommitPartialRun();
        Store.Invalidate(Path.GetFileName(_run.Bundle), "wrong calibration", "alice", DateTimeOffset.UnixEpoch);

        var review = BundlePromoter.Review(Store, _run.Bundle);

        var problem = Assert.Single(review.Problems);
        Assert.Equal("RG4009", problem.Diagnostic.Code);
        Assert.Contains("invalidated by alice", problem.Message, StringComparison.Ordinal);
        Assert.Contains("wrong calibration", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runbook_at_hand_that_now_requires_more_refuses_with_a_reason()
    {
        CommitPartialRun();

        var review = BundlePromoter.Review(Store, _run.Bundle, _run.Runbook(Requires(Verdict.Pass)));

        Assert.False(review.Promotable);
        Assert.Empty(review.Problems);
        Assert.Contains("now requires pass or better; the run's verdict is partial (PARTIAL)", Assert.Single(review.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Runbook_at_hand_that_requires_less_never_makes_a_refused_run_promotable()
    {
        CommittedBundle.CommitWithPacket(_run.Result([_run.Passed("a"), _run.With(Outcome.Waived, "docs")], Requires(Verdict.Pass)), DateTimeOffset.UnixEpoch);

        var review = BundlePromoter.Review(Store, _run.Bundle, _run.Runbook(Requires(Verdict.Partial)));

        Assert.False(review.Promotable);
        Assert.StartsWith("The verdict is partial (PARTIAL); promotion requires pass (CERTIFIED)", review.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Bundle_of_another_runbook_is_not_promoted_under_this_one()
    {
        CommitPartialRun();

        var review = BundlePromoter.Review(Store, _run.Bundle, _run.Runbook(Requires(Verdict.Partial)) with { Name = "other" });

        Assert.False(review.Promotable);
        Assert.Contains("is a run of runbook 'helios', not of 'other'", Assert.Single(review.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Bundle_whose_packet_is_gone_is_not_promotable_and_says_so()
    {
        CommitPartialRun();
        File.Delete(Path.Combine(_run.Bundle, "promotion_packet.json"));

        var review = BundlePromoter.Review(Store, _run.Bundle);

        Assert.False(review.Promotable);
        Assert.Equal("RG4021", Assert.Single(review.Problems).Diagnostic.Code);
    }

    [Fact]
    public void Bundle_files_moved_under_another_run_id_in_the_bundles_folder_are_refused()
    {
        CommitPartialRun();
        Store.Invalidate(Path.GetFileName(_run.Bundle), "wrong calibration", "alice", DateTimeOffset.UnixEpoch);
        var moved = Path.Combine(Path.GetDirectoryName(_run.Bundle)!, "20261122T130000Z-abc1234");
        Directory.Move(_run.Bundle, moved);

        var review = BundlePromoter.Review(Store, moved);

        Assert.Equal(["RG4019", "RG4009"], review.Problems.Select(p => p.Diagnostic.Code));
        Assert.Contains("commits run '20261122T120000Z-abc1234', but the bundle is the folder '20261122T130000Z-abc1234'", review.Problems[0].Message, StringComparison.Ordinal);
        Assert.False(review.Promotable);
    }

    [Fact]
    public void Packet_under_the_default_name_beside_the_runs_own_packet_is_refused()
    {
        CommittedBundle.CommitWithPacket(_run.Result([_run.Passed("a")], new PromoteSettings(Verdict.Pass, "release.json", _run.Spec(50))), DateTimeOffset.UnixEpoch);
        File.Copy(Path.Combine(_run.Bundle, "release.json"), Path.Combine(_run.Bundle, "promotion_packet.json"));

        var verification = PromotionPacketVerifier.Verify(_run.Bundle);

        var problem = Assert.Single(verification.Problems);
        Assert.Equal(("promotion_packet.json", "RG4017"), (problem.Path, problem.Diagnostic.Code));
    }
}
