namespace RunGates.Core.Checks;

/// <summary>A pull request's author and its reviews, in any order.</summary>
public sealed record PullRequestReviews(int Number, string Author, IReadOnlyList<PullRequestReview> Reviews);
