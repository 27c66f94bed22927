using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace RunGates.GitHub.Http;

/// <summary>
/// Which GitHub answers are worth another try and how long to wait first. Retried: 5xx, 429, and 403 that carries
/// <c>Retry-After</c>, <c>x-ratelimit-remaining: 0</c> or the secondary-rate-limit message. Never retried: any other
/// 4xx, notably 403 "Resource not accessible by integration", which no wait can fix.
/// </summary>
public sealed record GitHubRetryPolicy
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff; each later one doubles it.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest single wait. A rate limit that resets later than this is not waited for: the job would otherwise
    /// sit for up to an hour holding a runner.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long to wait before trying again after <paramref name="response"/> (whose body is <paramref name="body"/>)
    /// on attempt <paramref name="attempt"/> (1-based), or null when it must not be retried.
    /// </summary>
    public TimeSpan? RetryDelay(HttpResponseMessage response, string body, int attempt, DateTimeOffset now)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        // A wait GitHub names (Retry-After, a rate-limit reset, a minute after a secondary limit) is kept or, when longer
        // than MaxDelay, not waited for at all: trying sooner would only fail again. Backoff is ours and is capped.
        TimeSpan? named;
        if ((int)response.StatusCode >= 500)
        {
            return Min(Backoff(attempt), MaxDelay);
        }
        else if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            named = RetryAfter(response.Headers, now);
            if (named is null)
            {
                return Min(Backoff(attempt), MaxDelay);
            }
        }
        else if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            named = RetryAfter(response.Headers, now)
                ?? RateLimitReset(response.Headers, now)
                ?? (IsSecondaryRateLimit(body) ? TimeSpan.FromSeconds(60) : null);
        }
        else
        {
            named = null;
        }

        return named is { } wait && wait <= MaxDelay ? wait : null;
    }

    /// <summary>GitHub's wording for the secondary rate limit (REST docs, "Rate limits for the REST API").</summary>
    public static bool IsSecondaryRateLimit(string body) => body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase);

    /// <summary>GitHub's answer to a token that may not write here (a fork's pull request, Dependabot).</summary>
    public static bool IsNotAccessibleByIntegration(string body) => body.Contains("Resource not accessible by integration", StringComparison.OrdinalIgnoreCase);

    /// <summary>Our own wait before attempt <paramref name="attempt"/> + 1: <see cref="BaseDelay"/>, doubled each attempt.</summary>
    public TimeSpan Backoff(int attempt) => BaseDelay * Math.Pow(2, attempt - 1);

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date ? Max(date - now, TimeSpan.Zero) : null;
    }

    private static TimeSpan? RateLimitReset(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (!headers.TryGetValues("x-ratelimit-remaining", out var remaining) || remaining.FirstOrDefault() != "0")
        {
            return null;
        }

        // The primary limit resets at x-ratelimit-reset (epoch seconds); without it, wait a minute as GitHub advises.
        if (headers.TryGetValues("x-ratelimit-reset", out var reset)
            && long.TryParse(reset.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return Max(DateTimeOffset.FromUnixTimeSeconds(epoch) - now + TimeSpan.FromSeconds(1), TimeSpan.Zero);
        }

        return TimeSpan.FromSeconds(60);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
