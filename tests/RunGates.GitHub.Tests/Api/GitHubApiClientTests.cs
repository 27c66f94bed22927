using System.Net;
using System.Text.RegularExpressions;
using RunGates.GitHub.Api;
using RunGates.GitHub.Http;
using RunGates.GitHub.Tests.Server;
using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Api;

/// <summary>
/// <see cref="GitHubApiClient"/> against the test server: what it sends validates against GitHub's OpenAPI description,
/// and what GitHub answers (whole example bodies, pages, errors) it reads.
/// </summary>
public sealed class GitHubApiClientTests : IClassFixture<GitHubApiServer>, IDisposable
{
    private const string Sha = RawGitHubRequests.Sha;
    private const string Token = "ghs_api_client_test_token";

    /// <summary>One attempt, so each fault reaches the client as GitHub sent it.</summary>
    private static readonly GitHubRetryPolicy NoRetries = new() { MaxAttempts = 1 };

    private readonly GitHubApiServer _server;
    private readonly StringWriter _log = new();
    private readonly GitHubApiClient _client;

    public GitHubApiClientTests(GitHubApiServer server)
    {
        _server = server;
        _server.Reset();
        _client = GitHubClientFactory.Create(server.ApiUrl, Token, new SocketsHttpHandler(), NoRetries, _log);
    }

    public void Dispose() => _client.Dispose();

    private static NewCheckRun Run(string externalId, string name = "rungates/release") => new() { Name = name, HeadSha = Sha, ExternalId = externalId };

    private static NewCheckRunAnnotation Annotation(int line) => new()
    {
        Path = "evidence/diagnostics.json",
        StartLine = line,
        EndLine = line,
        StartColumn = 4,
        EndColumn = 21,
        AnnotationLevel = "failure",
        Message = $"strict.gttResidual is \"WARN\", expected \"PASS\" ({line})",
        Title = "RG3001 gtt-residual",
    };

    [Fact]
    public async Task Check_run_with_annotations_and_commit_status_validate_against_GitHubs_schemas()
    {
        var output = new NewCheckRunOutput { Title = "reject: 1 blocker failed", Summary = "## RunGates\nverdict **reject**" };
        var created = await _client.CheckRuns.CreateAsync("acme", "service", Run("run-20250102-0915") with
        {
            DetailsUrl = "https://example.org/bundles/run-20250102-0915",
            Status = "in_progress",
            StartedAt = new DateTimeOffset(2025, 1, 2, 10, 15, 0, TimeSpan.FromHours(1)),
            Output = output with { Text = "details", Annotations = Enumerable.Range(1, 50).Select(Annotation).ToList() },
        }, CancellationToken.None);
        var updated = await _client.CheckRuns.UpdateAsync("acme", "service", created.Id, new CheckRunUpdate
        {
            Conclusion = "failure",
            CompletedAt = DateTimeOffset.Parse("2025-01-02T09:17:00Z"),
            Output = output with { Annotations = Enumerable.Range(1, 7).Select(Annotation).ToList() },
        }, CancellationToken.None);
        var status = await _client.Statuses.CreateAsync("acme", "service", Sha, new NewCommitStatus
        {
            State = "failure",
            Context = "rungates/release",
            Description = "reject: 1 blocker failed",
            TargetUrl = created.HtmlUrl,
        }, CancellationToken.None);

        Assert.All(_server.Requests, r => Assert.Empty(r.ValidationErrors));
        Assert.Equal([201, 200, 201], _server.Requests.Select(r => r.StatusCode));
        Assert.Equal(["/repos/acme/service/check-runs", $"/repos/acme/service/check-runs/{created.Id}", $"/repos/acme/service/statuses/{Sha}"], _server.Requests.Select(r => r.Path));
        Assert.Equal($"{_server.ServerUrl}/acme/service/runs/{created.Id}", created.HtmlUrl);
        Assert.Equal(("rungates/release", "run-20250102-0915"), (created.Name, created.ExternalId));
        Assert.Equal(57, updated.Output?.AnnotationsCount);
        Assert.Equal(("failure", "rungates/release", created.HtmlUrl), (status.State, status.Context, status.TargetUrl));

        // Times go out in UTC as GitHub's docs write them; fields left null are not sent at all.
        var sent = _server.Requests[0].Body!.AsObject();
        Assert.Equal("2025-01-02T09:15:00Z", (string?)sent["started_at"]);
        Assert.False(sent.ContainsKey("conclusion"));
        Assert.False(_server.Requests[1].Body!["output"]!.AsObject().ContainsKey("text"));
        var run = Assert.Single(_server.CheckRuns);
        Assert.Equal((57, "completed", "failure"), (run.Annotations.Count, run.Status, run.Conclusion));
    }

    [Fact]
    public async Task Listing_for_a_ref_finds_every_run_of_the_name_earlier_attempts_included()
    {
        var first = await _client.CheckRuns.CreateAsync("acme", "service", Run("run-1"), CancellationToken.None);
        var second = await _client.CheckRuns.CreateAsync("acme", "service", Run("run-2"), CancellationToken.None);
        await _client.CheckRuns.CreateAsync("acme", "service", Run("other", name: "lint"), CancellationToken.None);

        var found = await _client.CheckRuns.ListForRefAsync("acme", "service", Sha, "rungates/release", CancellationToken.None);

        Assert.Equal([(second.Id, "run-2"), (first.Id, "run-1")], found.Select(r => (r.Id, r.ExternalId)));
        var list = Assert.Single(_server.Requests, r => r.Operation == GitHubOperation.ListCheckRunsForRef);
        Assert.Equal(("rungates/release", "all", "100"), (list.Query["check_name"], list.Query["filter"], list.Query["per_page"]));
    }

    [Fact]
    public async Task Listing_for_a_ref_follows_link_rel_next_until_the_last_page()
    {
        for (var i = 1; i <= 205; i++)
        {
            await _client.CheckRuns.CreateAsync("acme", "service", Run($"run-{i}"), CancellationToken.None);
        }

        var found = await _client.CheckRuns.ListForRefAsync("acme", "service", Sha, "rungates/release", CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 205).Reverse().Select(i => $"run-{i}"), found.Select(r => r.ExternalId));
        var pages = _server.Requests.Where(r => r.Operation == GitHubOperation.ListCheckRunsForRef).ToList();
        Assert.Equal([null, "2", "3"], pages.Select(r => r.Query.GetValueOrDefault("page")));
        Assert.All(pages, r => Assert.Equal(("100", "all", "Bearer " + Token), (r.Query["per_page"], r.Query["filter"], r.Authorization)));
    }

    [Fact]
    public async Task A_pull_request_and_its_reviews_are_read_across_pages()
    {
        _server.SeedPullRequest("acme", "service", 42, "lin", headSha: Sha, headRepository: "lin/service");
        var reviewers = Enumerable.Range(1, 130).Select(i => $"reviewer{i}").ToList();
        foreach (var reviewer in reviewers)
        {
            _server.SeedReview("acme", "service", 42, reviewer, "APPROVED", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        }

        var pull = await _client.PullRequests.GetAsync("acme", "service", 42, CancellationToken.None);
        var reviews = await _client.PullRequests.ListReviewsAsync("acme", "service", 42, CancellationToken.None);

        Assert.Equal((42, "lin"), (pull.Number, pull.User?.Login));
        Assert.Equal(reviewers, reviews.Select(r => r.User?.Login));
        Assert.All(reviews, r => Assert.Equal(("APPROVED", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)), (r.State, r.SubmittedAt)));
        Assert.Equal([null, "2"], _server.Requests.Where(r => r.Operation == GitHubOperation.ListPullRequestReviews).Select(r => r.Query.GetValueOrDefault("page")));
    }

    [Fact]
    public async Task A_review_state_GitHub_adds_later_and_fields_the_client_does_not_model_are_read_without_error()
    {
        _server.SeedPullRequest("acme", "service", 5, "lin");
        _server.SeedReview("acme", "service", 5, "ada", "ESCALATED_TO_OWNERS");
        _server.SeedReview("acme", "service", 5, "bob", "PENDING");

        var reviews = await _client.PullRequests.ListReviewsAsync("acme", "service", 5, CancellationToken.None);

        Assert.Equal([("ada", "ESCALATED_TO_OWNERS", true), ("bob", "PENDING", false)], reviews.Select(r => (r.User!.Login, r.State, r.SubmittedAt.HasValue)));

        // The server answers with GitHub's whole example bodies: author_association, _links, body_html and the rest.
        var body = _server.Requests.Single(r => r.Operation == GitHubOperation.ListPullRequestReviews).ResponseBody;
        Assert.Contains("\"author_association\"", body, StringComparison.Ordinal);
        Assert.Contains("\"_links\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_carries_GitHubs_media_type_api_version_user_agent_and_the_bearer_token()
    {
        _server.SeedPullRequest("acme", "service", 5, "lin");

        await _client.PullRequests.GetAsync("acme", "service", 5, CancellationToken.None);
        await _client.CheckRuns.CreateAsync("acme", "service", Run("run-1"), CancellationToken.None);

        Assert.All(_server.Requests, r =>
        {
            Assert.Equal("application/vnd.github+json", r.Headers["Accept"]);
            Assert.Equal("2022-11-28", r.Headers["X-GitHub-Api-Version"]);
            Assert.Matches(new Regex(@"^rungates/\d+\.\d+\.\d+\S*$"), r.Headers["User-Agent"]);
            Assert.Equal("Bearer " + Token, r.Authorization);
        });
        var post = _server.Requests[1];
        Assert.Equal("application/json; charset=utf-8", post.Headers["Content-Type"]);
        Assert.Equal(post.RawBody!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), post.Headers["Content-Length"]);
    }

    [Fact]
    public async Task Without_a_token_no_authorization_header_is_sent()
    {
        _server.SeedPullRequest("acme", "service", 5, "lin");
        using var anonymous = GitHubClientFactory.Create(_server.ApiUrl, token: null, new SocketsHttpHandler(), NoRetries, _log);

        var pull = await anonymous.PullRequests.GetAsync("acme", "service", 5, CancellationToken.None);

        Assert.Equal("lin", pull.User?.Login);
        Assert.Null(Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task Githubs_error_answers_become_GitHubApiException_with_the_rate_limit_they_are()
    {
        _server.EnqueueFault(GitHubFault.ForbiddenIntegration());
        _server.EnqueueFault(GitHubFault.SecondaryRateLimit(3));
        _server.EnqueueFault(GitHubFault.PrimaryRateLimit());
        _server.EnqueueFault(GitHubFault.TooManyRequests());
        _server.EnqueueFault(GitHubFault.NotFound());

        Task<CheckRun> Create() => _client.CheckRuns.CreateAsync("acme", "service", Run("run-1"), CancellationToken.None);
        var forbidden = await Assert.ThrowsAsync<GitHubApiException>(Create);
        var secondary = await Assert.ThrowsAsync<GitHubApiException>(Create);
        var primary = await Assert.ThrowsAsync<GitHubApiException>(Create);
        var tooMany = await Assert.ThrowsAsync<GitHubApiException>(Create);
        var notFound = await Assert.ThrowsAsync<GitHubApiException>(Create);

        Assert.Equal((HttpStatusCode.Forbidden, "Resource not accessible by integration", false, false), (forbidden.StatusCode, forbidden.Message, forbidden.IsPrimaryRateLimit, forbidden.IsSecondaryRateLimit));
        Assert.Equal(OpenApiDescription.Shared.DocumentationUrl(GitHubOperation.CreateCheckRun), forbidden.DocumentationUrl);
        Assert.Contains("secondary rate limit", secondary.Message, StringComparison.Ordinal);
        Assert.Equal((false, true), (secondary.IsPrimaryRateLimit, secondary.IsSecondaryRateLimit));
        Assert.Equal((HttpStatusCode.Forbidden, true, false), (primary.StatusCode, primary.IsPrimaryRateLimit, primary.IsSecondaryRateLimit));
        Assert.Equal((HttpStatusCode.TooManyRequests, false, true), (tooMany.StatusCode, tooMany.IsPrimaryRateLimit, tooMany.IsSecondaryRateLimit));
        Assert.Equal((HttpStatusCode.NotFound, "Not Found", false, false), (notFound.StatusCode, notFound.Message, notFound.IsPrimaryRateLimit, notFound.IsSecondaryRateLimit));
        Assert.DoesNotContain(Token, _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_422_carries_githubs_message_and_its_errors_array()
    {
        var run = Run("run-1") with
        {
            Output = new NewCheckRunOutput { Title = "title", Summary = "summary", Annotations = Enumerable.Range(1, 51).Select(Annotation).ToList() },
        };

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => _client.CheckRuns.CreateAsync("acme", "service", run, CancellationToken.None));

        // The schema's maxItems and GitHub's documented limit both refuse it, each as one entry of errors.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.StartsWith("Invalid request.", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains(error.Errors, e => e is { Resource: "CheckRun", Field: "#/output.annotations", Code: "invalid" } && e.Message!.Contains("TooManyItems", StringComparison.Ordinal));
        Assert.Contains(new GitHubApiFieldError("CheckRun", "annotations", "invalid", "No more than 50 items are allowed; 51 were supplied."), error.Errors);
    }
}
