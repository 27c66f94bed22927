using RunGates.Core.Checks;
using RunGates.GitHub.Api;

namespace RunGates.GitHub;

/// <summary>
/// <c>approvals:</c> reads the pull request's author and reviews through the API; outside a pull request there is
/// nothing to read (null), which the check reports as <c>missing</c>.
/// </summary>
public sealed class GitHubPullRequestReviewSource(GitHubApiClient client, string owner, string repository, int? pullRequestNumber) : IPullRequestReviewSource
{
    /// <summary>The login GitHub shows for an author account it no longer knows.</summary>
    private const string Ghost = "ghost";

    public async ValueTask<PullRequestReviews?> GetReviewsAsync(CancellationToken cancellationToken)
    {
        if (pullRequestNumber is not { } number)
        {
            return null;
        }

        // The pipeline turns an I/O failure into a failed check with this reason, rather than a crash.
        var asked = $"when asked for pull request #{number}'s reviews";
        try
        {
            var pull = await client.PullRequests.GetAsync(owner, repository, number, cancellationToken).ConfigureAwait(false);
            var reviews = await client.PullRequests.ListReviewsAsync(owner, repository, number, cancellationToken).ConfigureAwait(false);

            // A review whose account GitHub no longer knows (user: null) is left out: nobody can be held to it as an approver.
            return new PullRequestReviews(
                number,
                pull.User?.Login ?? Ghost,
                reviews.Where(r => r.User is not null)
                    .Select(r => new RunGates.Core.Checks.PullRequestReview(r.User!.Login, r.State ?? "", r.SubmittedAt ?? default))
                    .ToList());
        }
        catch (GitHubApiException e)
        {
            throw new IOException($"GitHub answered {(int)e.StatusCode} \"{e.Message}\" {asked}", e);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"GitHub could not be reached {asked}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"GitHub did not answer in time {asked}: {e.Message}", e);
        }
    }
}
