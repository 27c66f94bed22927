using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Verdicts;
using RunGates.GitHub.CheckRuns;
using RunGates.GitHub.Http;
using RunGates.GitHub.Tests.TestSupport;
using static RunGates.GitHub.Tests.CheckRuns.ResultsBuilder;

namespace RunGates.GitHub.Tests.Publishing;

/// <summary>
/// The publisher through Octokit and the retry handler, over HTTP to the test server, which checks every body against
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

    private Task<GitHubPublishResult> PublishAsync(CheckRunReport report)
    {
        var client = GitHubClientFactory.Create(_server.ApiUrl, Token, new SocketsHttpHandler(), FastRetries, _log);
        return new GitHubPublisher(client, "acme", "helios").PublishAsync(report, Sha, CancellationToken.None);
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
}
