using RunGates.Core.Checks;

namespace RunGates.Core.Runs;

/// <summary>What a front door hands the pipeline besides the runbook.</summary>
public sealed record RunOptions
{
    /// <summary>The environment the run sees; front doors pass the process environment, tests their own.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Overrides <c>run.evidence</c> (full path); null keeps the runbook's.</summary>
    public string? EvidenceDirectory { get; init; }

    /// <summary>Overrides <c>run.bundles</c> (full path); null keeps the runbook's.</summary>
    public string? BundlesDirectory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where progress lines go as the run proceeds (stderr in the CLI); null for none.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Told each point of the commit as it is passed; tests throw from it to stop a commit there. Null for none.</summary>
    public Action<Bundles.CommitPoint>? CommitObserver { get; init; }

    /// <summary>Pull request reviews for <c>approvals:</c>; null outside a front door that can see them.</summary>
    public IPullRequestReviewSource? Reviews { get; init; }
}
