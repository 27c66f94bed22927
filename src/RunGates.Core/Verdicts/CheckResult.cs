using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Verdicts;

/// <summary>A check's final outcome in a run, after waivers, with everything a report needs to show it.</summary>
public sealed record CheckResult
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required Phase Phase { get; init; }

    public required Severity Severity { get; init; }

    public required Outcome Outcome { get; init; }

    /// <summary>One line: what was expected, what was found.</summary>
    public required string Message { get; init; }

    /// <summary>Where the check is written in rungates.yml.</summary>
    public required SourcePosition SpecPosition { get; init; }

    public IReadOnlyList<CheckFinding> Findings { get; init; } = [];

    /// <summary>The waiver that turned a failure into <see cref="Outcome.Waived"/>, if any.</summary>
    public Waiver? Waiver { get; init; }

    /// <summary>A waiver for this check that had expired, noted so the report can say why it did not count.</summary>
    public Waiver? ExpiredWaiver { get; init; }

    /// <summary>The kept output's file, relative to the bundle, for command checks; null otherwise.</summary>
    public string? LogFile { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>What an infeasible outcome counts as (the check's <c>infeasible: { counts-as }</c>).</summary>
    public InfeasibleCountsAs InfeasibleCountsAs { get; init; } = InfeasibleCountsAs.Incomplete;

    /// <summary>The outcome as the verdict and the promotion decision count it: <see cref="VerdictEvaluator.Counted"/>.</summary>
    public Outcome CountedOutcome => VerdictEvaluator.Counted(Outcome, InfeasibleCountsAs);

    /// <summary>The diagnostic to report, or null when the check passed or counts as passed.</summary>
    public RunGatesDiagnostic? Diagnostic => CountedOutcome == Outcome.Passed ? null : DiagnosticCatalog.ForCheck(Phase, Kind, Outcome == Outcome.Waived ? Outcome.Failed : Outcome);

    /// <summary>Where a report should point: the first finding's evidence position, else the check's line in rungates.yml.</summary>
    public SourcePosition PrimaryPosition => Findings.FirstOrDefault(f => f.Position is not null)?.Position ?? SpecPosition;
}
