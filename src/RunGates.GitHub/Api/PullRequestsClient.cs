using System.Globalization;

namespace RunGates.GitHub.Api;

/// <summary>Pull requests and their reviews (docs.github.com/rest/pulls).</summary>
public sealed class PullRequestsClient
{
    private readonly GitHubApiClient _api;

    internal PullRequestsClient(GitHubApiClient api) => _api = api;

    /// <summary>pulls/get.</summary>
    public Task<PullRequest> GetAsync(string owner, string repo, int number, CancellationToken cancellationToken) =>
        _api.GetAsync(GitHubApiClient.Path("repos", owner, repo, "pulls", Number(number)), GitHubJsonContext.Default.PullRequest, cancellationToken);

    /// <summary>pulls/list-reviews: every review, oldest first, across all pages.</summary>
    public Task<IReadOnlyList<PullRequestReview>> ListReviewsAsync(string owner, string repo, int number, CancellationToken cancellationToken) =>
        _api.GetAllPagesAsync(
            GitHubApiClient.Path("repos", owner, repo, "pulls", Number(number), "reviews") + $"?per_page={Number(GitHubApiClient.PageSize)}",
            GitHubJsonContext.Default.IReadOnlyListPullRequestReview,
            page => page,
            cancellationToken);

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);
}
