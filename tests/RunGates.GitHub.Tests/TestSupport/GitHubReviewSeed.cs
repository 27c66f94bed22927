namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>A pull request review a test put on <see cref="GitHubApiServer"/> with <see cref="GitHubApiServer.SeedReview"/>.</summary>
internal sealed record GitHubReviewSeed(
    string Owner, string Repo, int Number, long Id, string Reviewer, long ReviewerId, string State, DateTimeOffset? SubmittedAt);
