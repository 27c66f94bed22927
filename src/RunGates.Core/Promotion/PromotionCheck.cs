using RunGates.Core.Checks;

namespace RunGates.Core.Promotion;

/// <summary>One check's outcome as the promotion packet records it.</summary>
public sealed record PromotionCheck(string Id, Phase Phase, Severity Severity, Outcome Outcome);
