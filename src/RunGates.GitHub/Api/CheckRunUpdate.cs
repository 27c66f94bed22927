using System.Text.Json.Serialization;

namespace RunGates.GitHub.Api;

/// <summary>
/// The body of <c>PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}</c> (checks/update): fields left null are not
/// sent and keep their value; annotations are appended to the run's.
/// </summary>
public sealed record CheckRunUpdate
{
    public string? DetailsUrl { get; init; }

    public string? ExternalId { get; init; }

    /// <summary><c>queued</c>, <c>in_progress</c> or <c>completed</c>.</summary>
    public string? Status { get; init; }

    [JsonConverter(typeof(GitHubTimestampConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary><c>success</c>, <c>failure</c>, <c>neutral</c>, <c>action_required</c>, ….</summary>
    public string? Conclusion { get; init; }

    [JsonConverter(typeof(GitHubTimestampConverter))]
    public DateTimeOffset? CompletedAt { get; init; }

    public NewCheckRunOutput? Output { get; init; }
}
