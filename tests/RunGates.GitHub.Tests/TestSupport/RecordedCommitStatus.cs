namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>A commit status <see cref="GitHubApiServer"/> created, in the order received.</summary>
public sealed record RecordedCommitStatus(
    long Id,
    string Owner,
    string Repo,
    string Sha,
    string State,
    string Context,
    string? Description,
    string? TargetUrl,
    DateTimeOffset CreatedAt);
