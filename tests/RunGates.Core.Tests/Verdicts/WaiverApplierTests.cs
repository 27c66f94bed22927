using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Verdicts;

public sealed class WaiverApplierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly SourcePosition Here = new("/r/rungates.yml", 3, 5);

    private static CheckResult Failed(Severity severity) => new()
    {
        Id = "docs",
        Kind = "links",
        Phase = Phase.Preflight,
        Severity = severity,
        Outcome = Outcome.Failed,
        Message = "README.md(3,1): link x.md does not resolve",
        SpecPosition = Here,
    };

    private static Waiver Until(int year, int month, int day) => new("docs", "link target moves next sprint", "alice", new DateOnly(year, month, day), Here);

    [Fact]
    public void Live_waiver_covers_a_required_failure_and_says_who_and_why()
    {
        var result = WaiverApplier.Apply(Failed(Severity.Required), [Until(2026, 12, 31)], Now);

        Assert.Equal(Outcome.Waived, result.Outcome);
        Assert.Equal("alice", result.Waiver!.By);
        Assert.Contains("waived by alice until 2026-12-31: link target moves next sprint", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiver_is_in_force_through_its_expiry_day() =>
        Assert.Equal(Outcome.Waived, WaiverApplier.Apply(Failed(Severity.Advisory), [Until(2026, 11, 22)], Now).Outcome);

    [Fact]
    public void Expired_waiver_counts_for_nothing_and_is_noted()
    {
        var result = WaiverApplier.Apply(Failed(Severity.Required), [Until(2026, 11, 21)], Now);

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Null(result.Waiver);
        Assert.Equal(new DateOnly(2026, 11, 21), result.ExpiredWaiver!.Expires);
        Assert.Contains("expired 2026-11-21", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiver_never_covers_a_blocker()
    {
        var result = WaiverApplier.Apply(Failed(Severity.Blocker), [Until(2099, 1, 1)], Now);

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(Verdict.Reject, VerdictEvaluator.Evaluate([result]));
    }

    [Theory]
    [InlineData(Outcome.Missing)]
    [InlineData(Outcome.Infeasible)]
    public void Waiver_covers_failures_only_never_missing_or_infeasible(Outcome outcome)
    {
        var result = WaiverApplier.Apply(Failed(Severity.Required) with { Outcome = outcome }, [Until(2099, 1, 1)], Now);
        Assert.Equal(outcome, result.Outcome);
    }
}
