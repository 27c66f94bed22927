using RunGates.Core.Checks;

namespace RunGates.Core.Verdicts;

/// <summary>The four-state rule of DESIGN.md, and nothing else.</summary>
public static class VerdictEvaluator
{
    public static Verdict Evaluate(IEnumerable<CheckResult> results) =>
        Evaluate(results.Select(r => (r.Severity, r.CountedOutcome)));

    /// <summary>The verdict of checks given as severity and <see cref="Counted"/> outcome (as results.json records them).</summary>
    public static Verdict Evaluate(IEnumerable<(Severity Severity, Outcome Counted)> results)
    {
        var list = results as IReadOnlyCollection<(Severity Severity, Outcome Counted)> ?? results.ToList();
        if (list.Any(r => r.Severity == Severity.Blocker && r.Counted == Outcome.Failed))
        {
            return Verdict.Reject;
        }

        if (list.Any(r => r.Counted is Outcome.Missing or Outcome.Infeasible || (r.Severity != Severity.Advisory && r.Counted == Outcome.Failed)))
        {
            return Verdict.Incomplete;
        }

        if (list.Any(r => r.Counted is Outcome.Failed or Outcome.Waived))
        {
            return Verdict.Partial;
        }

        return Verdict.Pass;
    }

    /// <summary>
    /// The one rule for what an outcome counts as: an infeasible check whose runbook says <c>counts-as: passed</c>
    /// counts as passed (in the verdict and the promotion decision) while it is still shown as infeasible; every other
    /// outcome counts as itself.
    /// </summary>
    public static Outcome Counted(Outcome outcome, InfeasibleCountsAs countsAs) =>
        outcome == Outcome.Infeasible && countsAs == InfeasibleCountsAs.Passed ? Outcome.Passed : outcome;

    /// <summary>Whether <paramref name="verdict"/> is at least as good as <paramref name="threshold"/>.</summary>
    public static bool Meets(Verdict verdict, Verdict threshold) => verdict >= threshold;
}
