using Octokit;
using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Server;

/// <summary>Octokit 14 itself against the server: what it serializes validates, and what the server answers it reads.</summary>
public sealed class OctokitAgainstServerTests : IClassFixture<GitHubApiServer>
{
    private const string Sha = RawGitHubRequests.Sha;
    private readonly GitHubApiServer _server;
    private readonly GitHubClient _client;

    public OctokitAgainstServerTests(GitHubApiServer server)
    {
        _server = server;
        _server.Reset();
        _client = new GitHubClient(new ProductHeaderValue("rungates-tests"), new Uri(server.ApiUrl))
        {
            Credentials = new Credentials("ghs_octokittoken", AuthenticationType.Bearer),
        };
    }

    [Fact]
    public async Task Octokit_check_run_with_annotations_and_commit_status_validate_against_GitHubs_schemas()
    {
        var annotations = Enumerable.Range(1, 50)
            .Select(i => new NewCheckRunAnnotation("evidence/diagnostics.json", i, i, CheckAnnotationLevel.Failure, $"strict.gttResidual is \"WARN\", expected \"PASS\" ({i})")
            {
                StartColumn = 4,
                EndColumn = 21,
                Title = "RG3001 gtt-residual",
                RawDetails = "rungates.yml line 12",
            })
            .ToList();
        var created = await _client.Check.Run.Create("acme", "service", new NewCheckRun("rungates/release", Sha)
        {
            ExternalId = "run-20250102-0915",
            DetailsUrl = "https://example.org/bundles/run-20250102-0915",
            Status = CheckStatus.InProgress,
            StartedAt = DateTimeOffset.Parse("2025-01-02T09:15:00Z"),
            Output = new NewCheckRunOutput("reject: 1 blocker failed", "## RunGates\nverdict **reject**") { Text = "details", Annotations = annotations },
        });
        var updated = await _client.Check.Run.Update("acme", "service", created.Id, new CheckRunUpdate
        {
            Conclusion = CheckConclusion.Failure,
            CompletedAt = DateTimeOffset.Parse("2025-01-02T09:17:00Z"),
            Output = new NewCheckRunOutput("reject: 1 blocker failed", "## RunGates\nverdict **reject**") { Annotations = annotations.Take(7).ToList() },
        });
        var status = await _client.Repository.Status.Create("acme", "service", Sha, new NewCommitStatus
        {
            State = CommitState.Failure,
            Context = "rungates/release",
            Description = "reject: 1 blocker failed",
            TargetUrl = created.HtmlUrl,
        });

        Assert.All(_server.Requests, r => Assert.Empty(r.ValidationErrors));
        Assert.Equal([201, 200, 201], _server.Requests.Select(r => r.StatusCode));
        Assert.Equal("/repos/acme/service/check-runs", _server.Requests[0].Path);
        Assert.Equal("Bearer ghs_octokittoken", _server.Requests[0].Authorization);
        Assert.Equal($"{_server.ServerUrl}/acme/service/runs/{created.Id}", created.HtmlUrl);
        Assert.Equal("run-20250102-0915", created.ExternalId);
        Assert.Equal(CheckStatus.Completed, updated.Status.Value);
        Assert.Equal(CheckConclusion.Failure, updated.Conclusion!.Value.Value);
        Assert.Equal(57, updated.Output.AnnotationsCount);
        Assert.Equal(CommitState.Failure, status.State.Value);
        Assert.Equal(57, Assert.Single(_server.CheckRuns).Annotations.Count);
        Assert.Equal(created.HtmlUrl, Assert.Single(_server.Statuses).TargetUrl);
    }

    [Fact]
    public async Task Octokit_finds_an_earlier_check_run_on_the_sha_by_name()
    {
        var first = await _client.Check.Run.Create("acme", "service", new NewCheckRun("rungates/release", Sha) { ExternalId = "run-1" });

        var found = await _client.Check.Run.GetAllForReference("acme", "service", Sha, new CheckRunRequest { CheckName = "rungates/release" });

        Assert.Equal(1, found.TotalCount);
        Assert.Equal((first.Id, "run-1"), (found.CheckRuns[0].Id, found.CheckRuns[0].ExternalId));
    }

    [Fact]
    public async Task Octokit_reads_a_seeded_pull_request_and_its_reviews_across_pages()
    {
        _server.SeedPullRequest("acme", "service", 42, "lin", headSha: Sha, headRepository: "lin/service");
        foreach (var reviewer in new[] { "ada", "bob", "cy" })
        {
            _server.SeedReview("acme", "service", 42, reviewer, "APPROVED");
        }

        var pull = await _client.PullRequest.Get("acme", "service", 42);
        var reviews = await _client.PullRequest.Review.GetAll("acme", "service", 42, new ApiOptions { PageSize = 2 });

        Assert.Equal("lin", pull.User.Login);
        Assert.Equal("lin/service", pull.Head.Repository.FullName);
        Assert.Equal(["ada", "bob", "cy"], reviews.Select(r => r.User.Login));
        Assert.All(reviews, r => Assert.Equal(PullRequestReviewState.Approved, r.State.Value));
        Assert.Equal(2, _server.Requests.Count(r => r.Operation == GitHubOperation.ListPullRequestReviews));
    }

    [Fact]
    public async Task Octokit_throws_its_own_exceptions_for_the_scripted_faults()
    {
        var newRun = new NewCheckRun("rungates/release", Sha);
        _server.EnqueueFault(GitHubFault.ForbiddenIntegration());
        _server.EnqueueFault(GitHubFault.SecondaryRateLimit(3));
        _server.EnqueueFault(GitHubFault.PrimaryRateLimit());

        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => _client.Check.Run.Create("acme", "service", newRun));
        var secondary = await Assert.ThrowsAsync<SecondaryRateLimitExceededException>(() => _client.Check.Run.Create("acme", "service", newRun));
        var primary = await Assert.ThrowsAsync<RateLimitExceededException>(() => _client.Check.Run.Create("acme", "service", newRun));

        Assert.Equal("Resource not accessible by integration", forbidden.Message);
        Assert.Contains("secondary rate limit", secondary.Message);
        Assert.Equal(0, primary.Remaining);
    }

    [Fact]
    public async Task Octokit_sees_a_422_as_an_api_validation_exception()
    {
        var run = new NewCheckRun("rungates/release", Sha)
        {
            Output = new NewCheckRunOutput("title", "summary")
            {
                Annotations = Enumerable.Range(1, 51).Select(i => new NewCheckRunAnnotation("a.yml", i, i, CheckAnnotationLevel.Warning, "m")).ToList(),
            },
        };

        var error = await Assert.ThrowsAsync<ApiValidationException>(() => _client.Check.Run.Create("acme", "service", run));

        Assert.Contains("No more than 50 items are allowed; 51 were supplied.", error.ApiError.Message);
    }
}
