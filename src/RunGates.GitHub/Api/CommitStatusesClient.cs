namespace RunGates.GitHub.Api;

/// <summary>Commit statuses (docs.github.com/rest/commits/statuses).</summary>
public sealed class CommitStatusesClient
{
    private readonly GitHubApiClient _api;

    internal CommitStatusesClient(GitHubApiClient api) => _api = api;

    /// <summary>repos/create-commit-status: a status on <paramref name="sha"/>, replacing any earlier one of the same context.</summary>
    public Task<CommitStatus> CreateAsync(string owner, string repo, string sha, NewCommitStatus status, CancellationToken cancellationToken) =>
        _api.SendAsync(
            HttpMethod.Post, GitHubApiClient.Path("repos", owner, repo, "statuses", sha),
            status, GitHubJsonContext.Default.NewCommitStatus, GitHubJsonContext.Default.CommitStatus, cancellationToken);
}
