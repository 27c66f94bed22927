namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>A pull request a test put on <see cref="GitHubApiServer"/> with <see cref="GitHubApiServer.SeedPullRequest"/>.</summary>
internal sealed record GitHubPullRequestSeed(
    string Owner, string Repo, int Number, long Id, string Author, long AuthorId, string HeadSha, string HeadRef, string HeadRepository);
