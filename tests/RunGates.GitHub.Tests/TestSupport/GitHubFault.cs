using System.Globalization;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// A failure <see cref="GitHubApiServer"/> answers with instead of serving a request, shaped as GitHub sends it:
/// status code, headers and the JSON error body <c>{"message", "errors", "documentation_url", "status"}</c>.
/// </summary>
public sealed class GitHubFault
{
    private const string RateLimitDocs = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";

    private GitHubFault(string kind, int statusCode, string message, string? documentationUrl, IReadOnlyDictionary<string, string>? headers = null, IReadOnlyList<GitHubFieldError>? errors = null)
    {
        Kind = kind;
        StatusCode = statusCode;
        Message = message;
        DocumentationUrl = documentationUrl;
        Headers = headers ?? new Dictionary<string, string>();
        Errors = errors;
    }

    /// <summary>The factory that made this fault: <c>ForbiddenIntegration</c>, <c>ServerError</c>, …</summary>
    public string Kind { get; }

    public int StatusCode { get; }

    /// <summary>The body's <c>message</c>; <c>{request_id}</c> stands for the response's X-GitHub-Request-Id.</summary>
    public string Message { get; }

    /// <summary>The body's <c>documentation_url</c>; null cites the faulted operation's own page, as GitHub does.</summary>
    public string? DocumentationUrl { get; }

    /// <summary>Headers set on the response, over the server's usual ones (X-RateLimit-*, X-GitHub-Request-Id).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body's <c>errors</c> array (a 422's refused fields); null when the body has none.</summary>
    internal IReadOnlyList<GitHubFieldError>? Errors { get; }

    /// <summary>
    /// 403 as GITHUB_TOKEN gets from a fork's pull request or a Dependabot run, where the token is read-only
    /// (the failure issue 5 names).
    /// </summary>
    public static GitHubFault ForbiddenIntegration() =>
        new(nameof(ForbiddenIntegration), 403, "Resource not accessible by integration", documentationUrl: null);

    /// <summary>A 5xx from GitHub's front end (502 Bad Gateway by default).</summary>
    public static GitHubFault ServerError(int statusCode = 502) =>
        statusCode is >= 500 and <= 599
            ? new(nameof(ServerError), statusCode, "Server Error", documentationUrl: null)
            : throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a server error is 5xx");

    /// <summary>
    /// 403 with Retry-After: GitHub's secondary (abuse) rate limit. The message is GitHub's wording, as reported verbatim in
    /// mozilla-mobile/firefox-android@6e9f56f ("You have exceeded a secondary rate limit. Please wait a few minutes before you
    /// try again. If you reach out to GitHub Support for help, please include the request ID …"), which clients recognise by
    /// "secondary rate limit" in the body. Retry-After in seconds is what the
    /// rate-limit docs tell clients to honour (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
    /// </summary>
    public static GitHubFault SecondaryRateLimit(int retryAfterSeconds = 60) =>
        new(nameof(SecondaryRateLimit), 403, SecondaryRateLimitMessage, RateLimitDocs + "#about-secondary-rate-limits",
            new Dictionary<string, string> { ["Retry-After"] = Seconds(retryAfterSeconds) });

    /// <summary>
    /// 403 with <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c> (UTC epoch seconds): the primary rate limit, with
    /// GitHub's message for an installation token ("API rate limit exceeded for installation ID …", as in upptime/upptime#786).
    /// </summary>
    public static GitHubFault PrimaryRateLimit(DateTimeOffset? resetAt = null)
    {
        var reset = (resetAt ?? DateTimeOffset.UtcNow.AddMinutes(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new(nameof(PrimaryRateLimit), 403, "API rate limit exceeded for installation ID 55555555.", RateLimitDocs + "#about-primary-rate-limits",
            new Dictionary<string, string>
            {
                ["X-RateLimit-Limit"] = "5000",
                ["X-RateLimit-Remaining"] = "0",
                ["X-RateLimit-Used"] = "5000",
                ["X-RateLimit-Reset"] = reset,
                ["X-RateLimit-Resource"] = "core",
            });
    }

    /// <summary>429 with Retry-After: the docs say a rate-limited client receives "a 403 or 429 response".</summary>
    public static GitHubFault TooManyRequests(int retryAfterSeconds = 1) =>
        new(nameof(TooManyRequests), 429, SecondaryRateLimitMessage, RateLimitDocs + "#about-secondary-rate-limits",
            new Dictionary<string, string> { ["Retry-After"] = Seconds(retryAfterSeconds) });

    /// <summary>404 as GitHub answers for a repository, commit or pull request the token cannot see.</summary>
    public static GitHubFault NotFound() => new(nameof(NotFound), 404, "Not Found", documentationUrl: null);

    /// <summary>
    /// 422 "Validation Failed" with GitHub's <c>errors</c> array, as it answers a body that passes the schema but not a
    /// rule behind it, e.g. the 1,001st status of one context on a commit: <c>{"resource": "Status", "code": "custom",
    /// "message": "This SHA and context has reached the maximum number of statuses."}</c>.
    /// </summary>
    internal static GitHubFault ValidationFailed(params GitHubFieldError[] errors) =>
        new(nameof(ValidationFailed), 422, "Validation Failed", documentationUrl: null, errors: errors);

    public override string ToString() => $"{Kind} ({StatusCode})";

    private const string SecondaryRateLimitMessage =
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
        + "If you reach out to GitHub Support for help, please include the request ID {request_id}.";

    private static string Seconds(int seconds) =>
        seconds >= 0 ? seconds.ToString(CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(seconds));
}
