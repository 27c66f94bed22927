using RunGates.Core.Verdicts;

namespace RunGates.Core.Reports;

/// <summary>
/// The runbook's <c>promote:</c> section as results.json records it: the verdict promotion requires (and its name in the
/// runbook's words) and the packet's file in the bundle. Recorded so that the promotion decision can be recomputed from
/// the committed bundle alone, by <see cref="Promotion.PromotionDecision.Decide"/>.
/// </summary>
public sealed record ResultsPromotion(Verdict Requires, string RequiresName, string Packet);
