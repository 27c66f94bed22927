using System.Text.Json.Nodes;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>A check run as <see cref="GitHubApiServer"/> keeps it between requests; changed only under the server's lock.</summary>
internal sealed class GitHubCheckRunState
{
    public required long Id { get; init; }
    public required long CheckSuiteId { get; init; }
    public required string Owner { get; init; }
    public required string Repo { get; init; }
    public required string HeadSha { get; init; }
    public required string HtmlUrl { get; init; }
    public required string Name { get; set; }
    public string? ExternalId { get; set; }
    public string? DetailsUrl { get; set; }
    public string Status { get; set; } = "queued";
    public string? Conclusion { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Text { get; set; }
    public List<JsonObject> Annotations { get; } = [];
    public int Requests { get; set; }

    public RecordedCheckRun Snapshot() => new(
        Id, Owner, Repo, HeadSha, Name, ExternalId, DetailsUrl, Status, Conclusion, StartedAt, CompletedAt, Title, Summary, Text,
        Annotations.Select(a => a.DeepClone().AsObject()).ToList(), Requests, HtmlUrl);
}
