using System.Text.Json;

namespace RunGates.GitHub.Api;

/// <summary>GitHub's error body: <c>{"message", "documentation_url", "errors": [...], "status"}</c>.</summary>
internal sealed record GitHubApiErrorBody
{
    public string? Message { get; init; }

    public string? DocumentationUrl { get; init; }

    /// <summary>Objects <c>{resource, field, code, message}</c> as a rule, but some endpoints send plain strings.</summary>
    public IReadOnlyList<JsonElement>? Errors { get; init; }
}
