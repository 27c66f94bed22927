using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Promotion;

/// <summary>Whether a run may be promoted, and every reason it may not.</summary>
/// <remarks>
/// <see cref="Decide"/> is the one place this is decided. A check counts by <see cref="CheckResult.CountedOutcome"/>:
/// an infeasible check whose runbook says <c>counts-as: passed</c> counts as passed, so <c>promote.requires</c>
/// alone decides; any other infeasible check refuses promotion, whatever <c>promote.requires</c> says.
/// 
/// A dirty git tree or an unknown git SHA is recorded in the packet but is not a reason by itself: whether that is
/// acceptable is the promoter's call, made with the packet in hand.
/// </remarks>
public sealed record PromotionDecision(bool Promotable, IReadOnlyList<string> Reasons)
{
    public static PromotionDecision Decide(RunResult result, PromoteSettings? settings)
    {
        if (settings is null)
        {
            return new PromotionDecision(false, ["The runbook has no promote: section."]);
        }

        var reasons = new List<string>();
        if (result.BundleDirectory is null)
        {
            reasons.Add("No bundle was written, so there is nothing to promote.");
        }

        if (result.StoppedAt is { } stoppedAt)
        {
            reasons.Add($"The run stopped early at {stoppedAt}.");
        }

        if (!VerdictEvaluator.Meets(result.Verdict, settings.Requires))
        {
            var requiredName = result.Runbook.States.NameOf(settings.Requires);
            reasons.Add($"The verdict is {Named(result.Verdict.ToKeyword(), result.VerdictName)}; promotion requires {Named(settings.Requires.ToKeyword(), requiredName)} or better.");
            foreach (var check in result.Checks.Where(c => c.CountedOutcome is not Outcome.Passed and not Outcome.Infeasible))
            {
                reasons.Add($"Check {check.Id}: {Word(check.Outcome)}.");
            }
        }

        // Infeasible is never promotable, whatever promote.requires says, unless the runbook counts it as passed.
        foreach (var check in result.Checks.Where(c => c.CountedOutcome == Outcome.Infeasible))
        {
            reasons.Add($"Check {check.Id}: infeasible, which is never promotable ({check.Message.TrimEnd('.')}).");
        }

        return new PromotionDecision(reasons.Count == 0, reasons);
    }

    private static string Named(string keyword, string name) => keyword == name ? keyword : $"{keyword} ({name})";

    private static string Word(Outcome outcome) => outcome.ToString().ToLowerInvariant();
}
