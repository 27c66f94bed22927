using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Promotion;

/// <summary>Whether a run may be promoted, and every reason it may not.</summary>
/// <remarks>
/// A dirty git tree or an unknown git SHA is recorded in the packet but is not a reason by itself: whether that is
/// acceptable is the promoter's call, made with the packet in hand. A check counts by
/// <see cref="ResultsCheck.CountedOutcome"/> (<see cref="VerdictEvaluator.Counted"/>): an infeasible check whose
/// runbook says <c>counts-as: passed</c> counts as passed, so <c>promote.requires</c> alone decides; any other
/// infeasible check refuses promotion, whatever <c>promote.requires</c> says.
/// </remarks>
public sealed record PromotionDecision(bool Promotable, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// The one promotion rule. It reads only what results.json records (verdict, stopped_at, checks and the runbook's
    /// <c>promote:</c> section), so the run pipeline deciding before commit and every verifier recomputing it from a
    /// committed bundle (<see cref="PromotionPacketVerifier"/>) get the same answer, word for word.
    /// </summary>
    public static PromotionDecision Decide(ResultsDocument results)
    {
        if (results.Promotion is not { } promotion)
        {
            return new PromotionDecision(false, ["The runbook has no promote: section."]);
        }

        var reasons = new List<string>();
        if (results.StoppedAt is { } stoppedAt)
        {
            reasons.Add($"The run stopped early at {stoppedAt}.");
        }

        if (!VerdictEvaluator.Meets(results.Verdict, promotion.Requires))
        {
            reasons.Add($"The verdict is {Named(results.Verdict.ToKeyword(), results.VerdictName)}; promotion requires {Named(promotion.Requires.ToKeyword(), promotion.RequiresName)} or better.");
            foreach (var check in results.Checks.Where(c => c.CountedOutcome is not Outcome.Passed and not Outcome.Infeasible))
            {
                reasons.Add($"Check {check.Id}: {Word(check.Outcome)}.");
            }
        }

        // Infeasible is never promotable, whatever promote.requires says, unless the runbook counts it as passed.
        foreach (var check in results.Checks.Where(c => c.CountedOutcome == Outcome.Infeasible))
        {
            reasons.Add($"Check {check.Id}: infeasible, which is never promotable ({check.Message.TrimEnd('.')}).");
        }

        return new PromotionDecision(reasons.Count == 0, reasons);
    }

    private static string Named(string keyword, string name) => keyword == name ? keyword : $"{keyword} ({name})";

    private static string Word(Outcome outcome) => outcome.ToString().ToLowerInvariant();
}
