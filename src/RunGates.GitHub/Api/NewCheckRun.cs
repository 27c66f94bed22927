using System.Text.Json.Serialization;

namespace RunGates.GitHub.Api;

/// <summary>The body of <c>POST /repos/{owner}/{repo}/check-runs</c> (checks/create), only the fields RunGates sends.</summary>
public sealed record NewCheckRun
{
    public required string Name { get; init; }

    public required string HeadSha { get; init; }

    public string? DetailsUrl { get; init; }

    public string? ExternalId { get; init; }

    /// <summary><c>queued</c>, <c>in_progress</c> or <c>completed</c>.</summary>
    public string? Status { get; init; }

    [JsonConverter(typeof(GitHubTimestampConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary><c>success</c>, <c>failure</c>, <c>neutral</c>, <c>action_required</c>, … (required with <c>completed</c>).</summary>
    public string? Conclusion { get; init; }

    [JsonConverter(typeof(GitHubTimestampConverter))]
    public DateTimeOffset? CompletedAt { get; init; }

    public NewCheckRunOutput? Output { get; init; }
}
