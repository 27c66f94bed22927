using System.Net;
using System.Text.Json.Nodes;
using RunGates.GitHub.Tests.TestSupport;
using static RunGates.GitHub.Tests.Server.RawGitHubRequests;

namespace RunGates.GitHub.Tests.Server;

public sealed class GitHubApiServerTests : IClassFixture<GitHubApiServer>
{
    private readonly GitHubApiServer _server;

    public GitHubApiServerTests(GitHubApiServer server)
    {
        _server = server;
        _server.Reset();
    }

    private string Repo => _server.ApiUrl + "/repos/acme/service";

    [Fact]
    public async Task Valid_check_run_is_created_with_201_and_a_link_on_the_server()
    {
        var (response, body) = await SendAsync("POST", Repo + "/check-runs", CheckRun().ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body!["id"]!.GetValue<long>();
        Assert.Equal($"{_server.ServerUrl}/acme/service/runs/{id}", body["html_url"]!.GetValue<string>());
        Assert.Equal(Sha, body["head_sha"]!.GetValue<string>());
        Assert.Equal("run-20250102-0915", body["external_id"]!.GetValue<string>());
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        Assert.Equal("failure", body["conclusion"]!.GetValue<string>());
        Assert.Equal(1, body["output"]!["annotations_count"]!.GetValue<int>());

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/repos/acme/service/check-runs", request.Path);
        Assert.Equal(GitHubOperation.CreateCheckRun, request.Operation);
        Assert.Equal("Bearer ghs_testtoken", request.Authorization);
        Assert.Empty(request.ValidationErrors);
        Assert.Equal(201, request.StatusCode);
        Assert.Equal("rungates/release", request.Body!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Paths_without_the_enterprise_prefix_are_served_the_same()
    {
        var (response, _) = await SendAsync("POST", _server.ServerUrl + "/repos/acme/service/check-runs", CheckRun().ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/repos/acme/service/check-runs", Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public async Task Unknown_field_is_rejected_with_422_naming_the_schema_violation()
    {
        var body = CheckRun();
        var output = body["output"]!.AsObject();
        output["anotations"] = output["annotations"]!.DeepClone();
        output.Remove("annotations");

        var (response, error) = await SendAsync("POST", Repo + "/check-runs", body.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = error!["message"]!.GetValue<string>();
        Assert.StartsWith("Invalid request.", message);
        Assert.Contains("NoAdditionalPropertiesAllowed", message);
        Assert.Contains("anotations", message);
        Assert.Equal(OpenApiDescription.Shared.DocumentationUrl(GitHubOperation.CreateCheckRun), error["documentation_url"]!.GetValue<string>());
        Assert.Contains(Assert.Single(_server.Requests).ValidationErrors, e => e.Contains("anotations") && e.Contains("NoAdditionalPropertiesAllowed"));
        Assert.Empty(_server.CheckRuns);
    }

    [Fact]
    public async Task Wrong_type_is_rejected_with_422_naming_the_schema_violation()
    {
        var body = CheckRun();
        body["output"]!["annotations"]![0]!["start_line"] = "12";

        var (response, error) = await SendAsync("POST", Repo + "/check-runs", body.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("IntegerExpected", error!["message"]!.GetValue<string>());
        Assert.Contains("start_line", error["message"]!.GetValue<string>());
        var entry = error["errors"]![0]!;
        Assert.Equal("CheckRun", entry["resource"]!.GetValue<string>());
        Assert.Equal("invalid", entry["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_required_field_is_rejected_as_missing_field()
    {
        var body = CheckRun();
        body.Remove("head_sha");

        var (response, error) = await SendAsync("POST", Repo + "/check-runs", body.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(error!["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "missing_field" && e["message"]!.GetValue<string>().Contains("PropertyRequired"));
    }

    [Fact]
    public async Task Fifty_annotations_are_accepted_and_fifty_one_rejected_with_422()
    {
        var (fifty, _) = await SendAsync("POST", Repo + "/check-runs", CheckRun(annotations: 50).ToJsonString());
        var (fiftyOne, error) = await SendAsync("POST", Repo + "/check-runs", CheckRun(annotations: 51).ToJsonString());

        Assert.Equal(HttpStatusCode.Created, fifty.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fiftyOne.StatusCode);
        Assert.Contains("No more than 50 items are allowed; 51 were supplied.", error!["message"]!.GetValue<string>());
        Assert.Single(_server.CheckRuns);
    }

    [Fact]
    public async Task Summary_over_65535_bytes_is_rejected_though_under_65535_characters()
    {
        var body = CheckRun();
        body["output"]!["summary"] = new string('€', 22_000); // 22,000 characters, 66,000 UTF-8 bytes

        var (response, error) = await SendAsync("POST", Repo + "/check-runs", body.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Validation Failed", error!["message"]!.GetValue<string>());
        Assert.Equal("summary exceeds a maximum bytesize of 65535", error["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Text_over_65535_characters_is_rejected_by_the_schema()
    {
        var body = CheckRun();
        body["output"]!["text"] = new string('x', 65_536);

        var (response, error) = await SendAsync("POST", Repo + "/check-runs", body.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("StringTooLong", error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Annotation_title_over_255_characters_and_message_over_64_KB_are_rejected()
    {
        var body = CheckRun(annotations: 2);
        body["output"]!["annotations"]![0]!["title"] = new string('t', 256);
        body["output"]!["annotations"]![1]!["message"] = new string('m', 65_536);

        var (response, error) = await SendAsync("POST", Repo + "/check-runs", body.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fields = error!["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("annotations[0].title", fields);
        Assert.Contains("annotations[1].message", fields);
    }

    [Fact]
    public async Task Completing_an_update_without_a_conclusion_breaks_the_schema()
    {
        var (_, created) = await SendAsync("POST", Repo + "/check-runs", new JsonObject { ["name"] = "rungates/release", ["head_sha"] = Sha }.ToJsonString());

        var (response, error) = await SendAsync("PATCH", $"{Repo}/check-runs/{created!["id"]}", new JsonObject { ["status"] = "completed" }.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("conclusion", error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Updates_append_annotations_and_complete_the_run()
    {
        var (_, created) = await SendAsync("POST", Repo + "/check-runs", new JsonObject
        {
            ["name"] = "rungates/release",
            ["head_sha"] = Sha,
            ["status"] = "in_progress",
            ["output"] = new JsonObject { ["title"] = "running", ["summary"] = "…", ["annotations"] = new JsonArray(Annotation(1), Annotation(2)) },
        }.ToJsonString());
        var id = created!["id"]!.GetValue<long>();

        var (response, updated) = await SendAsync("PATCH", $"{Repo}/check-runs/{id}", new JsonObject
        {
            ["conclusion"] = "success",
            ["output"] = new JsonObject { ["title"] = "pass", ["summary"] = "All gates passed.", ["annotations"] = new JsonArray(Annotation(3, "notice")) },
        }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", updated!["status"]!.GetValue<string>());
        Assert.Equal(3, updated["output"]!["annotations_count"]!.GetValue<int>());
        var run = Assert.Single(_server.CheckRuns);
        Assert.Equal(("completed", "success", "pass", 2), (run.Status, run.Conclusion, run.Title, run.Requests));
        Assert.Equal([1, 2, 3], run.Annotations.Select(a => a["start_line"]!.GetValue<int>()));
        Assert.NotNull(run.CompletedAt);
    }

    [Fact]
    public async Task Updating_an_unknown_check_run_answers_404()
    {
        var (response, _) = await SendAsync("PATCH", Repo + "/check-runs/1", new JsonObject { ["conclusion"] = "success" }.ToJsonString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Check_runs_for_a_sha_are_listed_latest_per_name_and_paged()
    {
        await SendAsync("POST", Repo + "/check-runs", CheckRun(name: "rungates/release").ToJsonString());
        await SendAsync("POST", Repo + "/check-runs", CheckRun(name: "rungates/release").ToJsonString());
        await SendAsync("POST", Repo + "/check-runs", CheckRun(name: "rungates/nightly").ToJsonString());

        var (_, latest) = await SendAsync("GET", $"{Repo}/commits/{Sha}/check-runs?check_name=rungates/release", authorized: false);
        var (_, all) = await SendAsync("GET", $"{Repo}/commits/{Sha}/check-runs?filter=all");
        var (paged, page) = await SendAsync("GET", $"{Repo}/commits/{Sha}/check-runs?filter=all&per_page=2&page=1");
        var (_, other) = await SendAsync("GET", $"{Repo}/commits/{new string('f', 40)}/check-runs");

        var newest = _server.CheckRuns.Where(r => r.Name == "rungates/release").Max(r => r.Id);
        Assert.Equal(1, latest!["total_count"]!.GetValue<int>());
        Assert.Equal(newest, latest["check_runs"]![0]!["id"]!.GetValue<long>());
        Assert.Equal(3, all!["total_count"]!.GetValue<int>());
        Assert.Equal(2, page!["check_runs"]!.AsArray().Count);
        Assert.Contains("rel=\"next\"", Header(paged, "Link"));
        Assert.Contains($"<{_server.ApiUrl}/repos/acme/service/commits/{Sha}/check-runs?filter=all&per_page=2&page=2>", Header(paged, "Link"));
        Assert.Equal(0, other!["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Commit_status_is_created_with_201_and_recorded()
    {
        var (response, body) = await SendAsync("POST", $"{Repo}/statuses/{Sha}", new JsonObject
        {
            ["state"] = "failure",
            ["context"] = "rungates/release",
            ["description"] = "reject: 1 blocker failed",
            ["target_url"] = $"{_server.ServerUrl}/acme/service/runs/1",
        }.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("rungates/release", body!["context"]!.GetValue<string>());
        Assert.Equal($"{_server.ApiUrl}/repos/acme/service/statuses/{Sha}", response.Headers.Location!.ToString());
        var status = Assert.Single(_server.Statuses);
        Assert.Equal((Sha, "failure", "rungates/release", "reject: 1 blocker failed"), (status.Sha, status.State, status.Context, status.Description));
    }

    [Fact]
    public async Task Status_with_null_target_url_is_valid_as_the_schema_says_nullable()
    {
        var (response, _) = await SendAsync("POST", $"{Repo}/statuses/{Sha}", """{"state":"pending","context":"rungates/release","target_url":null}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(141, "description is too long (maximum is 140 characters)")]
    [InlineData(0, "description doesn't accept 4-byte Unicode")]
    public async Task Status_description_over_140_characters_or_with_an_emoji_is_rejected(int length, string expected)
    {
        var description = length > 0 ? new string('d', length) : "reject 🚫";

        var (response, error) = await SendAsync("POST", $"{Repo}/statuses/{Sha}", new JsonObject { ["state"] = "failure", ["description"] = description }.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Validation Failed", error!["message"]!.GetValue<string>());
        Assert.Equal(expected, error["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Empty(_server.Statuses);
    }

    [Fact]
    public async Task Seeded_pull_request_from_a_fork_and_its_reviews_are_served()
    {
        _server.SeedPullRequest("acme", "service", 42, "lin", headSha: Sha, headRepository: "lin/service");
        var approved = _server.SeedReview("acme", "service", 42, "ada", "APPROVED", DateTimeOffset.Parse("2025-01-02T10:00:00Z"));
        _server.SeedReview("acme", "service", 42, "bob", "CHANGES_REQUESTED");
        _server.SeedReview("acme", "service", 42, "cy", "DISMISSED");

        var (_, pull) = await SendAsync("GET", Repo + "/pulls/42");
        var (_, reviews) = await SendAsync("GET", Repo + "/pulls/42/reviews");
        var (paged, firstPage) = await SendAsync("GET", Repo + "/pulls/42/reviews?per_page=2");
        var (missing, _) = await SendAsync("GET", Repo + "/pulls/43");

        Assert.Equal("lin", pull!["user"]!["login"]!.GetValue<string>());
        Assert.Equal(Sha, pull["head"]!["sha"]!.GetValue<string>());
        Assert.Equal("lin/service", pull["head"]!["repo"]!["full_name"]!.GetValue<string>());
        Assert.True(pull["head"]!["repo"]!["fork"]!.GetValue<bool>());
        Assert.Equal("acme/service", pull["base"]!["repo"]!["full_name"]!.GetValue<string>());
        Assert.Equal(["ada", "bob", "cy"], reviews!.AsArray().Select(r => r!["user"]!["login"]!.GetValue<string>()));
        Assert.Equal(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"], reviews.AsArray().Select(r => r!["state"]!.GetValue<string>()));
        Assert.Equal(approved, reviews[0]!["id"]!.GetValue<long>());
        Assert.Equal("2025-01-02T10:00:00Z", reviews[0]!["submitted_at"]!.GetValue<string>());
        Assert.Equal(2, firstPage!.AsArray().Count);
        Assert.Contains("rel=\"last\"", Header(paged, "Link"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Every_response_matches_its_schema_in_GitHubs_OpenAPI_description()
    {
        _server.SeedPullRequest("acme", "service", 7, "lin", headSha: Sha, headRepository: "lin/service");
        _server.SeedReview("acme", "service", 7, "ada", "APPROVED");
        var (_, created) = await SendAsync("POST", Repo + "/check-runs", CheckRun().ToJsonString());
        await SendAsync("PATCH", $"{Repo}/check-runs/{created!["id"]}", new JsonObject { ["conclusion"] = "success" }.ToJsonString());
        await SendAsync("GET", $"{Repo}/check-runs/{created["id"]}");
        await SendAsync("GET", $"{Repo}/commits/{Sha}/check-runs");
        await SendAsync("POST", $"{Repo}/statuses/{Sha}", """{"state":"success","context":"rungates/release"}""");
        await SendAsync("GET", Repo + "/pulls/7");
        await SendAsync("GET", Repo + "/pulls/7/reviews");

        foreach (var request in _server.Requests)
        {
            var schema = OpenApiDescription.Shared.ResponseSchema(request.Operation!.Value, request.StatusCode);
            var violations = schema.Validate(request.ResponseBody);
            Assert.True(violations.Count == 0, $"{request}: {string.Join("; ", violations)}");
        }

        Assert.Equal(Enum.GetValues<GitHubOperation>().Order(), _server.Requests.Select(r => r.Operation!.Value).Distinct().Order());
        Assert.NotEmpty(OpenApiDescription.Shared.ResponseSchema(GitHubOperation.CreateCheckRun, 201).Validate("""{"id":"4"}"""));
    }

    [Fact]
    public async Task Unknown_path_answers_404_and_is_recorded()
    {
        var (response, body) = await SendAsync("GET", _server.ApiUrl + "/repos/acme/service/issues");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", body!["message"]!.GetValue<string>());
        var request = Assert.Single(_server.Requests);
        Assert.Null(request.Operation);
        Assert.Equal(404, request.StatusCode);
    }

    [Fact]
    public async Task Write_without_a_token_answers_401()
    {
        var (response, body) = await SendAsync("POST", Repo + "/check-runs", CheckRun().ToJsonString(), authorized: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Requires authentication", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Body_that_is_not_json_answers_400()
    {
        var (response, body) = await SendAsync("POST", Repo + "/check-runs", "{name: oops");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Problems parsing JSON", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Responses_carry_GitHubs_rate_limit_and_request_id_headers()
    {
        var (response, _) = await SendAsync("POST", Repo + "/check-runs", CheckRun().ToJsonString());

        Assert.Equal("5000", Header(response, "X-RateLimit-Limit"));
        Assert.Equal("4999", Header(response, "X-RateLimit-Remaining"));
        Assert.NotEmpty(Header(response, "X-GitHub-Request-Id"));
    }
}
