namespace RunGates.GitHub.Api;

/// <summary>A pull request as <c>GET /repos/{owner}/{repo}/pulls/{pull_number}</c> answers, only the fields RunGates reads.</summary>
public sealed record PullRequest
{
    public int Number { get; init; }

    /// <summary>The author; null only for an account GitHub no longer knows.</summary>
    public SimpleUser? User { get; init; }
}
