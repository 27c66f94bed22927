namespace RunGates.GitHub.Api;

/// <summary>One review as <c>GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews</c> lists it.</summary>
public sealed record PullRequestReview
{
    public long Id { get; init; }

    /// <summary>The reviewer; null only for an account GitHub no longer knows.</summary>
    public SimpleUser? User { get; init; }

    /// <summary>
    /// GitHub's word as sent (<c>APPROVED</c>, <c>CHANGES_REQUESTED</c>, <c>COMMENTED</c>, <c>DISMISSED</c>, <c>PENDING</c>);
    /// a string, so a state GitHub adds later is read rather than refused.
    /// </summary>
    public string? State { get; init; }

    /// <summary>Null while the review is pending.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }
}
