using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Verdicts;

public sealed class VerdictEvaluatorTests
{
    private static CheckResult Result(string id, Severity severity, Outcome outcome) => new()
    {
        Id = id,
        Kind = "expect",
        Phase = Phase.Gates,
        Severity = severity,
        Outcome = outcome,
        Message = "m",
        SpecPosition = new SourcePosition("/r/rungates.yml", 1, 1),
    };

    [Fact]
    public void Everything_passed_is_pass() =>
        Assert.Equal(Verdict.Pass, VerdictEvaluator.Evaluate([Result("a", Severity.Blocker, Outcome.Passed), Result("b", Severity.Advisory, Outcome.Passed)]));

    [Fact]
    public void Blocker_failure_rejects_the_run_whatever_else_happened() =>
        Assert.Equal(Verdict.Reject, VerdictEvaluator.Evaluate([Result("a", Severity.Blocker, Outcome.Failed), Result("b", Severity.Required, Outcome.Missing)]));

    [Theory]
    [InlineData(Severity.Required, Outcome.Failed)]
    [InlineData(Severity.Advisory, Outcome.Missing)]
    [InlineData(Severity.Blocker, Outcome.Missing)]
    [InlineData(Severity.Advisory, Outcome.Infeasible)]
    public void Missing_infeasible_or_required_failure_is_incomplete(Severity severity, Outcome outcome) =>
        Assert.Equal(Verdict.Incomplete, VerdictEvaluator.Evaluate([Result("a", Severity.Blocker, Outcome.Passed), Result("b", severity, outcome)]));

    [Theory]
    [InlineData(Severity.Advisory, Outcome.Failed)]
    [InlineData(Severity.Required, Outcome.Waived)]
    [InlineData(Severity.Advisory, Outcome.Waived)]
    public void Advisory_failure_or_waiver_is_partial(Severity severity, Outcome outcome) =>
        Assert.Equal(Verdict.Partial, VerdictEvaluator.Evaluate([Result("a", Severity.Required, Outcome.Passed), Result("b", severity, outcome)]));

    [Fact]
    public void Verdicts_are_ordered_worst_to_best_for_thresholds()
    {
        Assert.True(VerdictEvaluator.Meets(Verdict.Pass, Verdict.Partial));
        Assert.True(VerdictEvaluator.Meets(Verdict.Partial, Verdict.Partial));
        Assert.False(VerdictEvaluator.Meets(Verdict.Incomplete, Verdict.Partial));
        Assert.False(VerdictEvaluator.Meets(Verdict.Reject, Verdict.Incomplete));
    }

    [Theory]
    [InlineData(InfeasibleCountsAs.Passed, Verdict.Pass)]
    [InlineData(InfeasibleCountsAs.Incomplete, Verdict.Incomplete)]
    public void Infeasible_counts_as_what_its_runbook_says(InfeasibleCountsAs countsAs, Verdict expected) =>
        Assert.Equal(expected, VerdictEvaluator.Evaluate([Result("a", Severity.Blocker, Outcome.Passed), Result("b", Severity.Blocker, Outcome.Infeasible) with { InfeasibleCountsAs = countsAs }]));

    [Theory]
    [InlineData(Outcome.Failed)]
    [InlineData(Outcome.Missing)]
    [InlineData(Outcome.Waived)]
    public void Counts_as_passed_changes_only_an_infeasible_outcome(Outcome outcome) =>
        Assert.Equal(outcome, VerdictEvaluator.Counted(outcome, InfeasibleCountsAs.Passed));
}
