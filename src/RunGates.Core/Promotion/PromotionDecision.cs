using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Promotion;

/// <summary>Whether a run may be promoted, and every reason it may not.</summary>
public sealed record PromotionDecision(bool Promotable, IReadOnlyList<string> Reasons)
{
    public static PromotionDecision Decide(RunResult result, PromoteSettings? settings) => throw new NotImplementedException();
}
