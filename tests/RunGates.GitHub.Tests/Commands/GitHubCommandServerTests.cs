using RunGates.Cli.Tests.TestSupport;
using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Commands;

/// <summary><c>rungates github</c> with a token, against the test server on 127.0.0.1 standing in for GitHub Enterprise.</summary>
public sealed class GitHubCommandServerTests : IClassFixture<GitHubApiServer>, IDisposable
{
    private const string Token = "ghs_cli_secret_token_value";
    private readonly GitHubApiServer _server;
    private readonly ActionWorkspace _workspace = new();

    public GitHubCommandServerTests(GitHubApiServer server)
    {
        _server = server;
        _server.Reset();
    }

    public void Dispose() => _workspace.Dispose();

    private Dictionary<string, string> Environment(string eventName, string payload, Dictionary<string, string>? extra = null)
    {
        var environment = _workspace.Environment(eventName, payload, _server.ApiUrl, extra);
        environment["INPUT_TOKEN"] = Token;
        environment["GITHUB_SERVER_URL"] = _server.ServerUrl;
        return environment;
    }

    [Fact]
    public async Task A_pull_request_run_posts_its_check_run_and_status_and_never_prints_the_token()
    {
        var run = await RunGatesCli.RunAsync(_workspace.Repository, Environment("pull_request", ActionWorkspace.PullRequest()), "github", "--spec", _workspace.Spec, "--evidence", _workspace.Evidence("tampered"));

        Assert.Equal(1, run.ExitCode);
        Assert.All(_server.Requests, r => Assert.Empty(r.ValidationErrors));
        var checkRun = Assert.Single(_server.CheckRuns);
        Assert.Equal((ActionWorkspace.HeadSha, "failure"), (checkRun.HeadSha, checkRun.Conclusion));
        // The tampered receipt is annotated at its line of the ledger, below the evidence folder in the repository.
        var annotation = Assert.Single(checkRun.Annotations);
        Assert.Equal(("examples/helios/evidence/tampered/reports/helios-omniversal-symphony/SHA256SUMS", 2, "failure"), ((string?)annotation["path"], (int?)annotation["start_line"], (string?)annotation["annotation_level"]));
        var status = Assert.Single(_server.Statuses);
        Assert.Equal(("failure", "rungates/helios", checkRun.HtmlUrl), (status.State, status.Context, status.TargetUrl));
        Assert.Equal(checkRun.HtmlUrl, _workspace.Outputs()["check-url"]);
        Assert.StartsWith(_server.ServerUrl + "/acme/helios/actions/runs/42", checkRun.DetailsUrl, StringComparison.Ordinal);
        var everything = run.Out + run.Error + File.ReadAllText(_workspace.SummaryPath) + File.ReadAllText(_workspace.OutputPath)
            + string.Concat(Directory.EnumerateFiles(Path.Combine(_workspace.Repository, "examples/helios/out"), "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_fork_token_warns_once_and_the_verdict_alone_decides()
    {
        _server.EnqueueFault(GitHubFault.ForbiddenIntegration(), GitHubOperation.CreateCheckRun);

        var run = await RunGatesCli.RunAsync(_workspace.Repository, Environment("pull_request", ActionWorkspace.PullRequest()), "github", "--spec", _workspace.Spec, "--evidence", _workspace.Evidence("pause-not-rehearsed"));

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Out.Split('\n'), l => l.Contains("RG6001", StringComparison.Ordinal));
        Assert.Single(_server.Requests, r => r.Operation == GitHubOperation.CreateCheckRun);
        Assert.Empty(_server.Statuses);
        Assert.Equal(2, run.Out.Split('\n').Count(l => l.StartsWith("::warning file=examples/helios/evidence/pause-not-rehearsed/", StringComparison.Ordinal)));
        Assert.Equal("partial", _workspace.Outputs()["verdict"]);
    }

    [Fact]
    public async Task GitHub_failing_every_retry_exits_4_with_rg6003_after_the_summary_was_written()
    {
        _server.EnqueueFault(GitHubFault.ServerError(502), GitHubOperation.CreateCheckRun, times: 10);

        var run = await RunGatesCli.RunAsync(_workspace.Repository, Environment("push", "{}"), "github", "--spec", _workspace.Spec, "--max-retry-wait", "1");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("::error title=GitHub kept failing after every retry::RG6003", run.Out, StringComparison.Ordinal);
        Assert.Equal(4, _server.Requests.Count(r => r.Operation == GitHubOperation.CreateCheckRun));
        Assert.StartsWith("## rungates/helios: CERTIFIED", File.ReadAllText(_workspace.SummaryPath), StringComparison.Ordinal);
        Assert.Equal("pass", _workspace.Outputs()["verdict"]);
    }

    [Fact]
    public async Task Approvals_count_each_reviewers_latest_review_and_never_a_dismissed_one()
    {
        var spec = WithApprovals(min: 2);
        _server.SeedPullRequest("acme", "helios", 7, author: "dev", headSha: ActionWorkspace.HeadSha, headRepository: "someone/helios");
        var t = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        _server.SeedReview("acme", "helios", 7, "alice", "APPROVED", t);
        _server.SeedReview("acme", "helios", 7, "alice", "CHANGES_REQUESTED", t.AddHours(1));
        _server.SeedReview("acme", "helios", 7, "bob", "APPROVED", t);
        _server.SeedReview("acme", "helios", 7, "carol", "APPROVED", t);
        _server.SeedReview("acme", "helios", 7, "carol", "DISMISSED", t.AddHours(2));
        _server.SeedReview("acme", "helios", 7, "dev", "APPROVED", t);

        var run = await RunGatesCli.RunAsync(_workspace.Repository, Environment("pull_request", ActionWorkspace.PullRequest(7)), "github", "--spec", spec, "--fail-on", "reject");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pull request #7 has 1 approving review (bob), expected at least 2 not by the author dev", run.Out, StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.Operation == GitHubOperation.ListPullRequestReviews);

        _server.SeedReview("acme", "helios", 7, "dave", "APPROVED", t.AddHours(3));
        var second = await RunGatesCli.RunAsync(_workspace.Repository, Environment("pull_request", ActionWorkspace.PullRequest(7)), "github", "--spec", spec);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("pull request #7 approved by bob, dave", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_a_pull_request_approvals_are_missing_with_the_reason()
    {
        var run = await RunGatesCli.RunAsync(_workspace.Repository, Environment("push", "{}"), "github", "--spec", WithApprovals(min: 1), "--fail-on", "reject");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not a pull request", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Requests, r => r.Operation is GitHubOperation.ListPullRequestReviews or GitHubOperation.GetPullRequest);
        Assert.Equal("incomplete", _workspace.Outputs()["verdict"]);
    }

    /// <summary>The helios runbook with a review gate after its last gate.</summary>
    private string WithApprovals(int min)
    {
        const string lastGate = "    expect: { pause_drill.rehearsed: true, pause_drill.resumed: true, pause_drill.identical_except_timestamps: true }\n";
        var text = File.ReadAllText(_workspace.Spec);
        Assert.Contains(lastGate, text, StringComparison.Ordinal);
        File.WriteAllText(_workspace.Spec, text.Replace(lastGate, lastGate + $"  - {{ id: review, approvals: {{ min: {min}, not-author: true }} }}\n", StringComparison.Ordinal));
        return _workspace.Spec;
    }
}
