namespace RunGates.Core.Checks;

/// <summary>One review on a pull request, as a front door that can see pull requests reports it.</summary>
public sealed record PullRequestReview(string Reviewer, string State, DateTimeOffset SubmittedAt);
