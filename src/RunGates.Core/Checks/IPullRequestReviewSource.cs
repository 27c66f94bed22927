namespace RunGates.Core.Checks;

/// <summary>Where <c>approvals:</c> reads reviews from. Core knows no forge; a front door (the GitHub adapter) supplies one.</summary>
public interface IPullRequestReviewSource
{
    /// <summary>The pull request's author and every review on it, or null when the run is not for a pull request.</summary>
    ValueTask<PullRequestReviews?> GetReviewsAsync(CancellationToken cancellationToken);
}
