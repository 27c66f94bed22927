using RunGates.Core.Verdicts;

namespace RunGates.Core.Reports;

/// <summary>
/// results.json as a record: what <see cref="ResultsJson.Serialize"/> writes and <see cref="ResultsJson.Read"/> returns,
/// so commands can show the last run (explain, promote) without running it again.
/// </summary>
public sealed record ResultsDocument
{
    public required string RunId { get; init; }

    /// <summary>The runbook's name.</summary>
    public required string Runbook { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>The verdict in the runbook's own words.</summary>
    public required string VerdictName { get; init; }

    public string? StoppedAt { get; init; }

    public bool Promotable { get; init; }

    public IReadOnlyList<string> PromotionReasons { get; init; } = [];

    /// <summary>The runbook's <c>promote:</c> section at run time; null when it had none.</summary>
    public ResultsPromotion? Promotion { get; init; }

    /// <summary>The ledger the run wrote, relative to the bundle; null when it wrote none.</summary>
    public string? Ledger { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public IReadOnlyList<ResultsStep> Steps { get; init; } = [];

    public IReadOnlyList<ResultsCheck> Checks { get; init; } = [];

    /// <summary>The runbook and evidence folders inside the git work tree; null for results written outside one.</summary>
    public ResultsLocations? Locations { get; init; }

    public ResultsCheck? FindCheck(string id) => Checks.FirstOrDefault(c => c.Id == id);
}
