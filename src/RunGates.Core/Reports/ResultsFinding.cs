namespace RunGates.Core.Reports;

/// <summary>
/// One finding of a check in results.json. <see cref="Code"/> is written only when the finding has its own RG code,
/// different from its check's (a pattern that ran out of time is RG3045 in any check).
/// </summary>
public sealed record ResultsFinding(string Message, string? Expected, string? Actual, ResultsPosition? Position)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }
}
