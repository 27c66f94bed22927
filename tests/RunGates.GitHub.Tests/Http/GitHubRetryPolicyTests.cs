using System.Net;
using System.Net.Http.Headers;
using RunGates.GitHub.Http;

namespace RunGates.GitHub.Tests.Http;

public sealed class GitHubRetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly GitHubRetryPolicy Policy = new();

    private static HttpResponseMessage Response(HttpStatusCode status, Action<HttpResponseHeaders>? headers = null)
    {
        var response = new HttpResponseMessage(status);
        headers?.Invoke(response.Headers);
        return response;
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 1, 1)]
    [InlineData(HttpStatusCode.BadGateway, 2, 2)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 3, 4)]
    public void Server_errors_back_off_exponentially(HttpStatusCode status, int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Policy.RetryDelay(Response(status), "", attempt, Now));
    }

    [Fact]
    public void The_last_attempt_is_never_retried()
    {
        Assert.Null(Policy.RetryDelay(Response(HttpStatusCode.BadGateway), "", Policy.MaxAttempts, Now));
    }

    [Fact]
    public void Too_many_requests_waits_what_retry_after_says()
    {
        var response = Response(HttpStatusCode.TooManyRequests, h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        Assert.Equal(TimeSpan.FromSeconds(7), Policy.RetryDelay(response, "", 1, Now));
    }

    [Fact]
    public void A_secondary_rate_limit_with_retry_after_is_retried_after_it()
    {
        var response = Response(HttpStatusCode.Forbidden, h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)));

        Assert.Equal(TimeSpan.FromSeconds(3), Policy.RetryDelay(response, """{"message":"You have exceeded a secondary rate limit."}""", 1, Now));
    }

    [Fact]
    public void A_secondary_rate_limit_without_retry_after_waits_a_minute_or_is_not_retried_when_that_is_too_long()
    {
        const string body = """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""";

        Assert.Equal(TimeSpan.FromSeconds(60), Policy.RetryDelay(Response(HttpStatusCode.Forbidden), body, 1, Now));
        Assert.Null((Policy with { MaxDelay = TimeSpan.FromSeconds(5) }).RetryDelay(Response(HttpStatusCode.Forbidden), body, 1, Now));
    }

    [Fact]
    public void An_exhausted_primary_limit_waits_until_its_reset_when_that_is_soon()
    {
        var response = Response(HttpStatusCode.Forbidden, h =>
        {
            h.Add("x-ratelimit-remaining", "0");
            h.Add("x-ratelimit-reset", Now.AddSeconds(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

        Assert.Equal(TimeSpan.FromSeconds(11), Policy.RetryDelay(response, "{}", 1, Now));
    }

    [Fact]
    public void An_exhausted_primary_limit_that_resets_in_an_hour_is_not_waited_for()
    {
        var response = Response(HttpStatusCode.Forbidden, h =>
        {
            h.Add("x-ratelimit-remaining", "0");
            h.Add("x-ratelimit-reset", Now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

        Assert.Null(Policy.RetryDelay(response, "{}", 1, Now));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, """{"message":"Resource not accessible by integration"}""")]
    [InlineData(HttpStatusCode.Unauthorized, """{"message":"Bad credentials"}""")]
    [InlineData(HttpStatusCode.NotFound, """{"message":"Not Found"}""")]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"message":"Validation Failed"}""")]
    public void Other_client_errors_are_not_retried(HttpStatusCode status, string body)
    {
        Assert.Null(Policy.RetryDelay(Response(status), body, 1, Now));
    }
}
