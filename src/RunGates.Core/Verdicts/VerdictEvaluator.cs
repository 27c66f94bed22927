using RunGates.Core.Checks;

namespace RunGates.Core.Verdicts;

/// <summary>The four-state rule of DESIGN.md, and nothing else.</summary>
public static class VerdictEvaluator
{
    public static Verdict Evaluate(IEnumerable<CheckResult> results)
    {
        var list = results as IReadOnlyCollection<CheckResult> ?? results.ToList();
        if (list.Any(r => r.Severity == Severity.Blocker && r.Outcome == Outcome.Failed))
        {
            return Verdict.Reject;
        }

        if (list.Any(r => r.Outcome is Outcome.Missing or Outcome.Infeasible || (r.Severity != Severity.Advisory && r.Outcome == Outcome.Failed)))
        {
            return Verdict.Incomplete;
        }

        if (list.Any(r => r.Outcome is Outcome.Failed or Outcome.Waived))
        {
            return Verdict.Partial;
        }

        return Verdict.Pass;
    }

    /// <summary>Whether <paramref name="verdict"/> is at least as good as <paramref name="threshold"/>.</summary>
    public static bool Meets(Verdict verdict, Verdict threshold) => verdict >= threshold;
}
