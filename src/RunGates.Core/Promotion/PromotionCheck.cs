using System.Text.Json.Serialization;
using RunGates.Core.Checks;

namespace RunGates.Core.Promotion;

/// <summary>
/// One check's outcome as the promotion packet records it. An infeasible check also carries what it counts as
/// (<c>passed</c> or <c>incomplete</c>) and each infeasible record with its reason; other checks carry neither.
/// </summary>
public sealed record PromotionCheck(
    string Id,
    Phase Phase,
    Severity Severity,
    Outcome Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CountsAs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Reasons = null);
