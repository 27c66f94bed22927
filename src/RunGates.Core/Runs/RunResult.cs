using RunGates.Core.Runbooks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Runs;

/// <summary>Everything a run decided and wrote: what reports, results.json and the promotion packet are made from.</summary>
public sealed record RunResult
{
    public required Runbook Runbook { get; init; }

    public required RunManifest Manifest { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>The verdict in the runbook's own words (<c>states:</c>).</summary>
    public string VerdictName => Runbook.States.NameOf(Verdict);

    /// <summary>Every check, pre-flight first then gates, in runbook order.</summary>
    public required IReadOnlyList<CheckResult> Checks { get; init; }

    public IReadOnlyList<StepResult> Steps { get; init; } = [];

    /// <summary>The id of the blocker pre-flight check or step that stopped the pipeline; null when it ran through.</summary>
    public string? StoppedAt { get; init; }

    /// <summary>The committed bundle folder; null for a dry evaluation that writes no bundle.</summary>
    public string? BundleDirectory { get; init; }

    /// <summary>The folder gates read evidence from (run.evidence, or the --evidence override); null when no gate ran.</summary>
    public string? EvidenceDirectory { get; init; }

    /// <summary>The ledger written into the bundle, if the runbook has a <c>ledger:</c> section.</summary>
    public string? LedgerPath { get; init; }

    /// <summary>The promotion packet written into the bundle, if the runbook has a <c>promote:</c> section.</summary>
    public string? PromotionPacketPath { get; init; }

    /// <summary>The runbook and every evidence document the checks read, for front doors that skip unchanged work.</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];

    /// <summary>What pre-flight depends on, from each check kind (<see cref="RunInputs"/>); set by <see cref="RunPipeline.RunPreflightAsync"/> only.</summary>
    public RunInputs? PreflightInputs { get; init; }

    public bool Promotable { get; init; }

    public IReadOnlyList<string> PromotionReasons { get; init; } = [];
}
