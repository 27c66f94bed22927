namespace RunGates.GitHub.Api;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/statuses/{sha}</c> (repos/create-commit-status).</summary>
public sealed record NewCommitStatus
{
    /// <summary><c>error</c>, <c>failure</c>, <c>pending</c> or <c>success</c>.</summary>
    public required string State { get; init; }

    public string? TargetUrl { get; init; }

    /// <summary>At most 140 characters.</summary>
    public string? Description { get; init; }

    /// <summary>The status's name on the commit; GitHub says <c>default</c> when it is not given.</summary>
    public string? Context { get; init; }
}
