namespace RunGates.Core.Runs;

/// <summary>
/// <c>run.json</c>: what a run was (id, seed, git, spec digest, recorded tools and env, host, times) and its state,
/// <c>in_progress</c> until the bundle is committed. Secrets are never recorded.
/// </summary>
public sealed record RunManifest
{
    public const string InProgress = "in_progress";
    public const string Committed = "committed";

    public required string RunId { get; init; }

    public required string Runbook { get; init; }

    public required string SpecDigest { get; init; }

    public string? Seed { get; init; }

    public string? GitSha { get; init; }

    public bool? GitDirty { get; init; }

    public IReadOnlyDictionary<string, string?> Tools { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyDictionary<string, string?> Env { get; init; } = new Dictionary<string, string?>();

    public required string Host { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the bundle was committed, the same instant as its artifact index's <c>committed_at</c>; null until then.</summary>
    public DateTimeOffset? CommittedAt { get; init; }

    public string State { get; init; } = InProgress;

    public required ToolIdentity Verifier { get; init; }
}
