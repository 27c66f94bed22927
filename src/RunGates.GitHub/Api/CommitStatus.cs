namespace RunGates.GitHub.Api;

/// <summary>A commit status as GitHub answers with it, only the fields RunGates reads.</summary>
public sealed record CommitStatus
{
    public long Id { get; init; }

    public string? State { get; init; }

    public string? Context { get; init; }

    public string? TargetUrl { get; init; }
}
