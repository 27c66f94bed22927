using System.Net;
using System.Text.Json;
using RunGates.GitHub.Http;

namespace RunGates.GitHub.Api;

/// <summary>
/// GitHub answered with an error status (after the retry handler gave up, for what it retries). The message is GitHub's
/// <c>message</c>; a 422 lists what it refused in <see cref="Errors"/>.
/// </summary>
public sealed class GitHubApiException : Exception
{
    internal GitHubApiException(
        HttpStatusCode statusCode, string message, string? documentationUrl, IReadOnlyList<GitHubApiFieldError> errors, bool isPrimaryRateLimit, bool isSecondaryRateLimit)
        : base(message)
    {
        StatusCode = statusCode;
        DocumentationUrl = documentationUrl;
        Errors = errors;
        IsPrimaryRateLimit = isPrimaryRateLimit;
        IsSecondaryRateLimit = isSecondaryRateLimit;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>GitHub's <c>documentation_url</c>: the page of the operation or of the limit that was hit.</summary>
    public string? DocumentationUrl { get; }

    /// <summary>GitHub's <c>errors</c> array (a 422's fields); empty when it sent none.</summary>
    public IReadOnlyList<GitHubApiFieldError> Errors { get; }

    /// <summary>
    /// The token's hourly quota is spent: 403 or 429 with <c>x-ratelimit-remaining: 0</c> or GitHub's "API rate limit exceeded".
    /// </summary>
    public bool IsPrimaryRateLimit { get; }

    /// <summary>GitHub's secondary (abuse) rate limit: a 429, or a 403 that says "secondary rate limit".</summary>
    public bool IsSecondaryRateLimit { get; }

    /// <summary>The exception for an error <paramref name="response"/> whose body is <paramref name="body"/>.</summary>
    internal static GitHubApiException From(HttpResponseMessage response, string body)
    {
        GitHubApiErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, GitHubJsonContext.Default.GitHubApiErrorBody);
        }
        catch (JsonException)
        {
            // Not GitHub's JSON (a proxy's HTML page, say): the status line and the start of the body say what happened.
        }

        var message = error?.Message
            ?? (body.Trim() is { Length: > 0 } text ? $"{response.ReasonPhrase}: {(text.Length > 200 ? text[..200] + "…" : text)}" : response.ReasonPhrase)
            ?? "";
        var limited = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests;
        var primary = limited
            && ((response.Headers.TryGetValues("x-ratelimit-remaining", out var remaining) && remaining.FirstOrDefault() == "0")
                || message.Contains("API rate limit exceeded", StringComparison.OrdinalIgnoreCase));
        var secondary = limited && !primary && (response.StatusCode == HttpStatusCode.TooManyRequests || GitHubRetryPolicy.IsSecondaryRateLimit(message));
        return new GitHubApiException(
            response.StatusCode, message, error?.DocumentationUrl, error?.Errors?.Select(FieldError).ToArray() ?? [], primary, secondary);
    }

    private static GitHubApiFieldError FieldError(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new GitHubApiFieldError(Text(element, "resource"), Text(element, "field"), Text(element, "code"), Text(element, "message")),
        JsonValueKind.String => new GitHubApiFieldError(null, null, null, element.GetString()),
        _ => new GitHubApiFieldError(null, null, null, element.GetRawText()),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
