using System.Text.Json.Nodes;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// A check run's state on <see cref="GitHubApiServer"/> after every create and update it received, as GitHub keeps it:
/// fields are replaced by updates, annotations are appended across requests.
/// </summary>
/// <param name="Annotations">Every annotation sent for the run, in order, as sent.</param>
/// <param name="Requests">How many requests wrote the run: 1 for the create, plus one per update.</param>
public sealed record RecordedCheckRun(
    long Id,
    string Owner,
    string Repo,
    string HeadSha,
    string Name,
    string? ExternalId,
    string? DetailsUrl,
    string Status,
    string? Conclusion,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Title,
    string? Summary,
    string? Text,
    IReadOnlyList<JsonObject> Annotations,
    int Requests,
    string HtmlUrl);
