using RunGates.Core.Checks;
using RunGates.Core.Promotion;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Tests.Reports;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Promotion;

public sealed class PromotionDecisionTests : IDisposable
{
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private PromoteSettings Requires(Verdict verdict) => new(verdict, PromoteSettings.DefaultPacket, _run.Spec(50));

    /// <summary>The decision as the pipeline takes it: from the results.json document of the run under <paramref name="promote"/>.</summary>
    private static PromotionDecision Decide(RunResult result, PromoteSettings? promote) =>
        PromotionDecision.Decide(ResultsJson.ToDocument(result with { Runbook = result.Runbook with { Promote = promote } }));

    [Fact]
    public void Passing_run_with_a_bundle_is_promotable_with_no_reasons()
    {
        var decision = Decide(_run.Result([_run.Passed("a"), _run.Passed("b")]), Requires(Verdict.Pass));

        Assert.True(decision.Promotable);
        Assert.Empty(decision.Reasons);
    }

    [Fact]
    public void Runbook_without_a_promote_section_is_never_promotable()
    {
        var decision = Decide(_run.Result([_run.Passed("a")]), null);

        Assert.False(decision.Promotable);
        Assert.Equal(["The runbook has no promote: section."], decision.Reasons);
    }

    [Fact]
    public void Verdict_below_requires_names_the_verdict_and_each_check_that_did_not_pass()
    {
        var result = _run.Result([_run.Passed("a"), _run.Failed("lint", severity: Severity.Advisory), _run.With(Outcome.Waived, "docs")]);

        var decision = Decide(result, Requires(Verdict.Pass));

        Assert.False(decision.Promotable);
        Assert.Equal(
            [
                "The verdict is partial (PARTIAL); promotion requires pass (CERTIFIED) or better.",
                "Check lint: failed.",
                "Check docs: waived.",
            ],
            decision.Reasons);
    }

    [Fact]
    public void Partial_run_is_promotable_when_requires_is_partial() =>
        Assert.True(Decide(_run.Result([_run.Passed("a"), _run.With(Outcome.Waived, "docs")]), Requires(Verdict.Partial)).Promotable);

    [Fact]
    public void Infeasible_check_is_never_promotable_even_when_requires_would_allow_it()
    {
        var infeasible = _run.With(Outcome.Infeasible, "tier-c") with { Message = "derivations/x.yaml: cost tier C cannot be locked" };
        var result = _run.Result([_run.Passed("a"), infeasible]);

        var decision = Decide(result, Requires(Verdict.Incomplete));

        Assert.False(decision.Promotable);
        Assert.Equal(["Check tier-c: infeasible, which is never promotable (derivations/x.yaml: cost tier C cannot be locked)."], decision.Reasons);
    }

    [Fact]
    public void Infeasible_check_is_named_once_when_the_verdict_also_falls_short()
    {
        var decision = Decide(_run.Result([_run.With(Outcome.Infeasible, "tier-c")]), Requires(Verdict.Pass));

        Assert.Equal(2, decision.Reasons.Count);
        Assert.StartsWith("The verdict is incomplete (IN-PROGRESS)", decision.Reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("Check tier-c: infeasible", decision.Reasons[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Stopped_run_is_not_promotable_and_says_where_it_stopped()
    {
        // Constructed as passing on purpose: stopping early is a reason of its own, not just a consequence of the verdict.
        var decision = Decide(_run.Result([_run.Passed("a")], stoppedAt: "mission"), Requires(Verdict.Partial));

        Assert.False(decision.Promotable);
        Assert.Equal(["The run stopped early at mission."], decision.Reasons);
    }

    [Fact]
    public void Dirty_tree_or_unknown_git_sha_is_not_a_reason_by_itself()
    {
        var result = _run.Result([_run.Passed("a")]);
        var dirty = result with { Manifest = result.Manifest with { GitDirty = true } };
        var noGit = result with { Manifest = result.Manifest with { GitSha = null, GitDirty = null } };

        Assert.True(Decide(dirty, Requires(Verdict.Pass)).Promotable);
        Assert.True(Decide(noGit, Requires(Verdict.Pass)).Promotable);
    }

    [Fact]
    public void Default_state_names_are_not_repeated_in_reasons()
    {
        var result = _run.Result([_run.Failed("a")]);
        result = result with { Runbook = _run.Runbook(states: VerdictNames.Default) };

        var decision = Decide(result, Requires(Verdict.Pass));

        Assert.Equal("The verdict is incomplete; promotion requires pass or better.", decision.Reasons[0]);
    }

    [Fact]
    public void Infeasible_counted_as_passed_leaves_the_decision_to_promote_requires()
    {
        var infeasible = _run.With(Outcome.Infeasible, "s03-blocked") with { InfeasibleCountsAs = InfeasibleCountsAs.Passed, Message = "infeasible: tier C cannot be locked" };

        var promotable = Decide(_run.Result([_run.Passed("a"), infeasible]), Requires(Verdict.Pass));
        var refused = Decide(_run.Result([_run.Failed("lint", severity: Severity.Advisory), infeasible]), Requires(Verdict.Pass));

        Assert.True(promotable.Promotable);
        Assert.Empty(promotable.Reasons);
        Assert.False(refused.Promotable);
        Assert.Equal(["The verdict is partial (PARTIAL); promotion requires pass (CERTIFIED) or better.", "Check lint: failed."], refused.Reasons);
    }
}
