using RunGates.Core.Checks;

namespace RunGates.Core.Reports;

/// <summary>One check in results.json: its outcome, message, positions, findings, waiver and diagnostic code.</summary>
public sealed record ResultsCheck
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required Phase Phase { get; init; }

    public required Severity Severity { get; init; }

    public required Outcome Outcome { get; init; }

    public required string Message { get; init; }

    /// <summary>For an infeasible check only: what it counts as in the verdict, <c>passed</c> or <c>incomplete</c>; absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? CountsAs { get; init; }

    /// <summary>The outcome as the verdict and the promotion decision count it (<see cref="Verdicts.VerdictEvaluator.Counted"/>), read back from results.json.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Outcome CountedOutcome => Verdicts.VerdictEvaluator.Counted(Outcome, ReportText.ParseCountsAs(CountsAs));

    /// <summary>Where the check is written, relative to the runbook's folder.</summary>
    public required ResultsPosition Spec { get; init; }

    public IReadOnlyList<ResultsFinding> Findings { get; init; } = [];

    public ResultsWaiver? Waiver { get; init; }

    public ResultsWaiver? ExpiredWaiver { get; init; }

    /// <summary>The kept output, relative to the bundle; null when none was kept.</summary>
    public string? Log { get; init; }

    public long DurationMs { get; init; }

    /// <summary>The diagnostic code (<c>RG3001</c>...), null when the check passed.</summary>
    public string? Code { get; init; }
}
