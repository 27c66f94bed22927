namespace RunGates.GitHub.Events;

/// <summary>
/// The commit and pull request a report is about, as the event says: always from the event payload or the runner's
/// variables, never from a bundle (a bundle built by a fork's pull request is not trusted to name its own target).
/// </summary>
/// <param name="Name">The event's name (<c>pull_request</c>, <c>push</c>, ...).</param>
/// <param name="HeadSha">The commit the status and check run go on: the pull request's head, not its merge commit.</param>
/// <param name="PullRequestNumber">The pull request, when the event is about one.</param>
/// <param name="FromFork">Whether the pull request's head lives in another repository (its token is read-only).</param>
public sealed record GitHubEvent(string Name, string HeadSha, int? PullRequestNumber, bool FromFork);
