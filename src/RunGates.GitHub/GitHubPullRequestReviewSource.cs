using Octokit;
using RunGates.Core.Checks;

namespace RunGates.GitHub;

/// <summary>
/// <c>approvals:</c> reads the pull request's author and reviews through the API; outside a pull request there is
/// nothing to read (null), which the check reports as <c>missing</c>.
/// </summary>
public sealed class GitHubPullRequestReviewSource(IGitHubClient client, string owner, string repository, int? pullRequestNumber) : IPullRequestReviewSource
{
    public async ValueTask<PullRequestReviews?> GetReviewsAsync(CancellationToken cancellationToken)
    {
        if (pullRequestNumber is not { } number)
        {
            return null;
        }

        try
        {
            var pull = await client.PullRequest.Get(owner, repository, number).ConfigureAwait(false);
            var reviews = await client.PullRequest.Review.GetAll(owner, repository, number, new ApiOptions { PageSize = 100 }).ConfigureAwait(false);
            return new PullRequestReviews(
                number,
                pull.User.Login,
                reviews.Select(r => new RunGates.Core.Checks.PullRequestReview(r.User.Login, r.State.StringValue, r.SubmittedAt)).ToList());
        }
        catch (ApiException e)
        {
            // The pipeline turns an I/O failure into a failed check with this reason, rather than a crash.
            throw new IOException($"GitHub answered {(int)e.StatusCode} \"{e.Message}\" when asked for pull request #{number}'s reviews", e);
        }
    }
}
