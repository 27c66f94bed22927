using System.Net;
using System.Net.Sockets;
using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Verdicts;
using RunGates.GitHub.Api;
using RunGates.GitHub.CheckRuns;
using RunGates.GitHub.Http;
using RunGates.GitHub.Tests.TestSupport;
using static RunGates.GitHub.Tests.CheckRuns.ResultsBuilder;

namespace RunGates.GitHub.Tests.Publishing;

/// <summary>
/// The publisher through <see cref="Api.GitHubApiClient"/> and the retry handler, over HTTP to the test server, which checks every body against
/// GitHub's OpenAPI description and GitHub's limits.
/// </summary>
public sealed class GitHubPublisherTests : IClassFixture<GitHubApiServer>
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string Token = "ghs_publisher_test_token";
    private static readonly GitHubRetryPolicy FastRetries = new() { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromSeconds(2) };
    private readonly GitHubApiServer _server;
    private readonly StringWriter _log = new();

    public GitHubPublisherTests(GitHubApiServer server)
    {
        _server = server;
        _server.Reset();
    }

    private async Task<GitHubPublishResult> PublishAsync(CheckRunReport report, string? apiUrl = null, TimeSpan? requestTimeout = null)
    {
        using var client = GitHubClientFactory.Create(apiUrl ?? _server.ApiUrl, Token, new SocketsHttpHandler(), FastRetries, _log, requestTimeout);
        return await new GitHubPublisher(client, "acme", "helios").PublishAsync(report, Sha, CancellationToken.None);
    }

    private static CheckRunReport Report(int findings, Verdict verdict = Verdict.Incomplete)
    {
        var results = Document(verdict, Check("receipts", Outcome.Failed, findings: Enumerable.Range(1, findings).Select(i => Finding($"receipts/r{i}.json", i, 3)).ToArray()));
        return CheckRunReportBuilder.Build(results, new GitHubReportOptions { DetailsUrl = "https://ghe.example.com/acme/helios/actions/runs/42" });
    }

    private void AssertEveryBodyValidated() =>
        Assert.All(_server.Requests, r => Assert.True(r.ValidationErrors.Count == 0, $"{r}: {string.Join("; ", r.ValidationErrors)}"));

    [Fact]
    public async Task Check_run_then_status_are_posted_and_validate_against_githubs_schemas()
    {
        var result = await PublishAsync(Report(3));

        Assert.True(result.Posted, result.ProblemMessage);
        AssertEveryBodyValidated();
        var run = Assert.Single(_server.CheckRuns);
        Assert.Equal((Sha, "rungates/helios", "helios-20261123T100000", "failure", "completed"), (run.HeadSha, run.Name, run.ExternalId, run.Conclusion, run.Status));
        Assert.Equal(3, run.Annotations.Count);
        var status = Assert.Single(_server.Statuses);
        Assert.Equal((Sha, "failure", "rungates/helios", run.HtmlUrl), (status.Sha, status.State, status.Context, status.TargetUrl));
        Assert.Equal(run.HtmlUrl, result.CheckRunUrl);
        Assert.All(_server.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization, ignoreCase: true));
        Assert.DoesNotContain(Token, _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_hundred_and_twenty_annotations_go_fifty_per_request_across_create_and_updates()
    {
        var result = await PublishAsync(Report(120));

        Assert.True(result.Posted, result.ProblemMessage);
        AssertEveryBodyValidated();
        var writes = _server.Requests.Where(r => r.Operation is GitHubOperation.CreateCheckRun or GitHubOperation.UpdateCheckRun).ToList();
        Assert.Equal([50, 50, 20], writes.Select(r => r.Body!["output"]!["annotations"]!.AsArray().Count));
        Assert.Equal(GitHubOperation.CreateCheckRun, writes[0].Operation);
        var run = Assert.Single(_server.CheckRuns);
        Assert.Equal(Enumerable.Range(1, 120), run.Annotations.Select(a => (int)a["start_line"]!));
    }

    [Fact]
    public async Task Publishing_the_same_run_again_updates_its_check_run_without_repeating_annotations()
    {
        await PublishAsync(Report(70));
        var again = await PublishAsync(Report(70));

        Assert.True(again.Posted, again.ProblemMessage);
        var run = Assert.Single(_server.CheckRuns);
        Assert.Equal(70, run.Annotations.Count);
        Assert.Equal(2, _server.Statuses.Count);
        AssertEveryBodyValidated();
    }

    [Fact]
    public async Task A_fork_token_403_is_not_retried_and_is_reported_as_rg6001()
    {
        _server.EnqueueFault(GitHubFault.ForbiddenIntegration(), GitHubOperation.CreateCheckRun);

        var result = await PublishAsync(Report(1));

        Assert.Equal("RG6001", result.Problem?.Code);
        Assert.Single(_server.Requests, r => r.Operation == GitHubOperation.CreateCheckRun);
        Assert.Empty(_server.Statuses);
        Assert.DoesNotContain("retry", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_502_is_retried_and_the_run_is_posted()
    {
        _server.EnqueueFault(GitHubFault.ServerError(502), GitHubOperation.CreateCheckRun);

        var result = await PublishAsync(Report(1));

        Assert.True(result.Posted, result.ProblemMessage);
        Assert.Equal([502, 201], _server.Requests.Where(r => r.Operation == GitHubOperation.CreateCheckRun).Select(r => r.StatusCode));
        Assert.Contains("GitHub answered 502; retry 2 of 4", _log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secondary_rate_limit_is_retried_after_its_retry_after()
    {
        _server.EnqueueFault(GitHubFault.SecondaryRateLimit(retryAfterSeconds: 1), GitHubOperation.CreateCommitStatus);

        var result = await PublishAsync(Report(1));

        Assert.True(result.Posted, result.ProblemMessage);
        var attempts = _server.Requests.Where(r => r.Operation == GitHubOperation.CreateCommitStatus).ToList();
        Assert.Equal([403, 201], attempts.Select(r => r.StatusCode));
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(0.9), "the retry came before Retry-After");
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        _server.EnqueueFault(GitHubFault.TooManyRequests(retryAfterSeconds: 1), GitHubOperation.ListCheckRunsForRef);

        var result = await PublishAsync(Report(1));

        Assert.True(result.Posted, result.ProblemMessage);
        Assert.Equal([429, 200], _server.Requests.Where(r => r.Operation == GitHubOperation.ListCheckRunsForRef).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_server_that_keeps_failing_is_tried_four_times_then_rg6003()
    {
        _server.EnqueueFault(GitHubFault.ServerError(503), GitHubOperation.CreateCheckRun, times: 10);

        var result = await PublishAsync(Report(1));

        Assert.Equal("RG6003", result.Problem?.Code);
        Assert.Equal(4, _server.Requests.Count(r => r.Operation == GitHubOperation.CreateCheckRun));
        Assert.Empty(_server.Statuses);
    }

    [Fact]
    public async Task A_primary_limit_resetting_in_an_hour_is_not_waited_for()
    {
        _server.EnqueueFault(GitHubFault.PrimaryRateLimit(DateTimeOffset.UtcNow.AddHours(1)), GitHubOperation.CreateCheckRun);

        var result = await PublishAsync(Report(1));

        Assert.Equal("RG6003", result.Problem?.Code);
        Assert.Single(_server.Requests, r => r.Operation == GitHubOperation.CreateCheckRun);
    }

    [Fact]
    public async Task A_404_is_rejected_at_once_as_rg6005()
    {
        _server.EnqueueFault(GitHubFault.NotFound(), GitHubOperation.ListCheckRunsForRef);

        var result = await PublishAsync(Report(1));

        Assert.Equal("RG6005", result.Problem?.Code);
        Assert.Contains("GitHub answered 404", result.ProblemMessage, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Text_at_every_limit_is_accepted_by_the_limits_github_enforces()
    {
        var huge = string.Concat(Enumerable.Repeat("värde är fel 😀 ", 20_000));
        var results = Document(
            Verdict.Reject,
            Enumerable.Range(0, 60).Select(i => Check(new string('c', 300) + i, Outcome.Failed, Severity.Blocker, findings: [Finding("d.json", 1, 1, message: huge)])).ToArray()) with
        {
            VerdictName = "REJECT 😀 " + new string('x', 200),
        };

        var result = await PublishAsync(CheckRunReportBuilder.Build(results, new GitHubReportOptions()));

        Assert.True(result.Posted, result.ProblemMessage);
        AssertEveryBodyValidated();
        Assert.Equal(60, Assert.Single(_server.CheckRuns).Annotations.Count);
    }

    [Fact]
    public async Task An_earlier_run_on_a_later_page_is_updated_rather_than_posted_again()
    {
        var report = Report(3);
        using (var client = GitHubClientFactory.Create(_server.ApiUrl, Token, new SocketsHttpHandler(), FastRetries, _log))
        {
            // The run to find is the oldest of 101 of the same name, so the newest-first listing has it on page 2.
            await client.CheckRuns.CreateAsync("acme", "helios", new NewCheckRun { Name = report.Name, HeadSha = Sha, ExternalId = report.ExternalId }, CancellationToken.None);
            for (var i = 0; i < 100; i++)
            {
                await client.CheckRuns.CreateAsync("acme", "helios", new NewCheckRun { Name = report.Name, HeadSha = Sha, ExternalId = $"earlier-{i}" }, CancellationToken.None);
            }
        }

        var seeded = _server.Requests.Count;
        var earlier = _server.CheckRuns.Single(r => r.ExternalId == report.ExternalId);

        var result = await PublishAsync(report);

        Assert.True(result.Posted, result.ProblemMessage);
        AssertEveryBodyValidated();
        var publish = _server.Requests.Skip(seeded).ToList();
        Assert.Equal(
            [GitHubOperation.ListCheckRunsForRef, GitHubOperation.ListCheckRunsForRef, GitHubOperation.UpdateCheckRun, GitHubOperation.CreateCommitStatus],
            publish.Select(r => r.Operation));
        Assert.Equal($"/repos/acme/helios/check-runs/{earlier.Id}", publish[2].Path);
        Assert.Equal(101, _server.CheckRuns.Count);
        Assert.Equal(3, _server.CheckRuns.Single(r => r.Id == earlier.Id).Annotations.Count);
        Assert.Equal(earlier.HtmlUrl, result.CheckRunUrl);
    }

    [Fact]
    public async Task A_422_lists_githubs_errors_in_rg6005()
    {
        _server.EnqueueFault(
            GitHubFault.ValidationFailed(new GitHubFieldError("Status", "custom", "", "This SHA and context has reached the maximum number of statuses.")),
            GitHubOperation.CreateCommitStatus);

        var result = await PublishAsync(Report(1));

        Assert.Equal("RG6005", result.Problem?.Code);
        Assert.Equal("GitHub answered 422 \"Validation Failed\": This SHA and context has reached the maximum number of statuses.", result.ProblemMessage);
        Assert.Single(_server.Requests, r => r.Operation == GitHubOperation.CreateCommitStatus);
        Assert.Equal(Assert.Single(_server.CheckRuns).HtmlUrl, result.CheckRunUrl);
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_ends_in_rg6003_after_the_request_timeout()
    {
        // A real socket that accepts and never answers, as a hung proxy does.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptSocketAsync();
        var started = DateTimeOffset.UtcNow;

        var result = await PublishAsync(Report(1), $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/api/v3", TimeSpan.FromMilliseconds(300));

        Assert.Equal("RG6003", result.Problem?.Code);
        Assert.Equal("GitHub did not answer in time: no answer to GET /api/v3/repos/acme/helios/commits/" + Sha + "/check-runs within 0.3s", result.ProblemMessage);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10), "the timeout did not end the call");
        (await accepted).Dispose();
    }
}
