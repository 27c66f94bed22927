using System.Globalization;
using System.Net;
using RunGates.GitHub.Tests.TestSupport;
using static RunGates.GitHub.Tests.Server.RawGitHubRequests;

namespace RunGates.GitHub.Tests.Server;

public sealed class GitHubApiServerFaultTests : IClassFixture<GitHubApiServer>
{
    private readonly GitHubApiServer _server;

    public GitHubApiServerFaultTests(GitHubApiServer server)
    {
        _server = server;
        _server.Reset();
    }

    private string CheckRuns => _server.ApiUrl + "/repos/acme/service/check-runs";

    [Fact]
    public async Task Forbidden_integration_answers_403_with_GitHubs_message_and_the_operations_docs()
    {
        _server.EnqueueFault(GitHubFault.ForbiddenIntegration());

        var (response, body) = await SendAsync("POST", CheckRuns, CheckRun().ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Resource not accessible by integration", body!["message"]!.GetValue<string>());
        Assert.Equal(OpenApiDescription.Shared.DocumentationUrl(GitHubOperation.CreateCheckRun), body["documentation_url"]!.GetValue<string>());
        Assert.Equal("403", body["status"]!.GetValue<string>());
        Assert.Empty(Header(response, "Retry-After"));
        Assert.NotEqual("0", Header(response, "X-RateLimit-Remaining"));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_error_answers_its_5xx(int statusCode)
    {
        _server.EnqueueFault(GitHubFault.ServerError(statusCode));

        var (response, body) = await SendAsync("POST", CheckRuns, CheckRun().ToJsonString());

        Assert.Equal(statusCode, (int)response.StatusCode);
        Assert.Equal("Server Error", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Secondary_rate_limit_answers_403_with_Retry_After_and_GitHubs_wording()
    {
        _server.EnqueueFault(GitHubFault.SecondaryRateLimit(retryAfterSeconds: 7));

        var (response, body) = await SendAsync("POST", CheckRuns, CheckRun().ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("7", Header(response, "Retry-After"));
        var message = body!["message"]!.GetValue<string>();
        Assert.StartsWith("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", message);
        Assert.EndsWith($"please include the request ID {Header(response, "X-GitHub-Request-Id")}.", message);
        Assert.EndsWith("#about-secondary-rate-limits", body["documentation_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Primary_rate_limit_answers_403_with_no_requests_remaining_and_the_reset_time()
    {
        var reset = DateTimeOffset.UtcNow.AddSeconds(90);
        _server.EnqueueFault(GitHubFault.PrimaryRateLimit(reset));

        var (response, body) = await SendAsync("POST", CheckRuns, CheckRun().ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("0", Header(response, "X-RateLimit-Remaining"));
        Assert.Equal(reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Header(response, "X-RateLimit-Reset"));
        Assert.StartsWith("API rate limit exceeded", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Too_many_requests_answers_429_with_Retry_After()
    {
        _server.EnqueueFault(GitHubFault.TooManyRequests(retryAfterSeconds: 2));

        var (response, _) = await SendAsync("POST", CheckRuns, CheckRun().ToJsonString());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("2", Header(response, "Retry-After"));
    }

    [Fact]
    public async Task Not_found_answers_404()
    {
        _server.EnqueueFault(GitHubFault.NotFound());

        var (response, body) = await SendAsync("POST", CheckRuns, CheckRun().ToJsonString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fault_answers_only_its_operation_and_only_as_many_times_as_enqueued()
    {
        _server.EnqueueFault(GitHubFault.ServerError(), GitHubOperation.CreateCommitStatus, times: 2);

        var (checkRun, _) = await SendAsync("POST", CheckRuns, CheckRun().ToJsonString());
        var (first, _) = await SendAsync("POST", $"{_server.ApiUrl}/repos/acme/service/statuses/{Sha}", """{"state":"success"}""");
        var (second, _) = await SendAsync("POST", $"{_server.ApiUrl}/repos/acme/service/statuses/{Sha}", """{"state":"success"}""");
        var (third, _) = await SendAsync("POST", $"{_server.ApiUrl}/repos/acme/service/statuses/{Sha}", """{"state":"success"}""");

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.Created],
            [checkRun.StatusCode, first.StatusCode, second.StatusCode, third.StatusCode]);
        Assert.Equal(0, _server.PendingFaults);
        Assert.Single(_server.Statuses);
    }

    [Fact]
    public async Task Faulted_request_is_recorded_with_its_fault_and_validation_errors()
    {
        _server.EnqueueFault(GitHubFault.SecondaryRateLimit(1));

        await SendAsync("POST", CheckRuns, CheckRun(annotations: 51).ToJsonString());

        var request = Assert.Single(_server.Requests);
        Assert.Equal(403, request.StatusCode);
        Assert.Equal(nameof(GitHubFault.SecondaryRateLimit), request.Fault!.Kind);
        Assert.Contains(request.ValidationErrors, e => e.Contains("No more than 50 items are allowed"));
        Assert.Empty(_server.CheckRuns);
    }
}
