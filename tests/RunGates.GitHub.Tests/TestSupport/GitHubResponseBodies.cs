using System.Globalization;
using System.Text.Json.Nodes;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// The JSON <see cref="GitHubApiServer"/> answers with: GitHub's own examples from its OpenAPI description (so every field
/// GitHub documents is there, as a client may expect), with links moved to the server and the recorded state filled in.
/// </summary>
internal sealed class GitHubResponseBodies
{
    private readonly string _apiUrl;
    private readonly Dictionary<string, string> _templates;

    public GitHubResponseBodies(string serverUrl, string apiUrl)
    {
        _apiUrl = apiUrl;
        _templates = OpenApiDescription.ExampleNames.ToDictionary(
            name => name,
            name => OpenApiDescription.Shared.Example(name)
                .Replace("https://api.github.com", apiUrl, StringComparison.Ordinal)
                .Replace("https://github.com", serverUrl, StringComparison.Ordinal),
            StringComparer.Ordinal);
        ServerUrl = serverUrl;
    }

    public string ServerUrl { get; }

    public JsonObject CheckRun(GitHubCheckRunState run)
    {
        var body = Template("check-run");
        var repository = $"{_apiUrl}/repos/{run.Owner}/{run.Repo}";
        body["id"] = run.Id;
        body["node_id"] = NodeId("CR_kwDO", run.Id);
        body["head_sha"] = run.HeadSha;
        body["external_id"] = run.ExternalId ?? "";
        body["url"] = $"{repository}/check-runs/{run.Id}";
        body["html_url"] = run.HtmlUrl;
        body["details_url"] = run.DetailsUrl ?? run.HtmlUrl;
        body["status"] = run.Status;
        body["conclusion"] = run.Conclusion;
        body["started_at"] = Timestamp(run.StartedAt);
        body["completed_at"] = Timestamp(run.CompletedAt);
        body["name"] = run.Name;
        body["output"] = new JsonObject
        {
            ["title"] = run.Title,
            ["summary"] = run.Summary,
            ["text"] = run.Text,
            ["annotations_count"] = run.Annotations.Count,
            ["annotations_url"] = $"{repository}/check-runs/{run.Id}/annotations",
        };
        body["check_suite"] = new JsonObject { ["id"] = run.CheckSuiteId };
        body["pull_requests"] = new JsonArray();

        // A check run made with GITHUB_TOKEN belongs to the GitHub Actions app.
        var app = body["app"]!.AsObject();
        app["id"] = 15368;
        app["slug"] = "github-actions";
        app["node_id"] = "MDM6QXBwMTUzNjg=";
        app["name"] = "GitHub Actions";
        app["html_url"] = ServerUrl + "/apps/github-actions";
        return body;
    }

    public JsonObject Status(RecordedCommitStatus status)
    {
        var body = Template("status");
        body["url"] = $"{_apiUrl}/repos/{status.Owner}/{status.Repo}/statuses/{status.Sha}";
        body["id"] = status.Id;
        body["node_id"] = NodeId("SC_kwDO", status.Id);
        body["state"] = status.State;
        body["description"] = status.Description;
        body["target_url"] = status.TargetUrl;
        body["context"] = status.Context;
        body["created_at"] = Timestamp(status.CreatedAt);
        body["updated_at"] = Timestamp(status.CreatedAt);
        body["creator"] = User("github-actions[bot]", 41898282, "Bot");
        return body;
    }

    public JsonObject PullRequest(GitHubPullRequestSeed pull)
    {
        var fullName = $"{pull.Owner}/{pull.Repo}";
        var body = Template("pull-request", ("octocat/Hello-World", fullName));
        var url = $"{_apiUrl}/repos/{fullName}/pulls/{pull.Number}";
        body["id"] = pull.Id;
        body["number"] = pull.Number;
        body["url"] = url;
        body["html_url"] = $"{ServerUrl}/{fullName}/pull/{pull.Number}";
        body["state"] = "open";
        body["user"] = User(pull.Author, pull.AuthorId, "User");
        body["requested_teams"] = new JsonArray();
        var head = body["head"]!.AsObject();
        head["sha"] = pull.HeadSha;
        head["ref"] = pull.HeadRef;
        var headOwner = pull.HeadRepository.Split('/')[0];
        head["label"] = $"{headOwner}:{pull.HeadRef}";
        if (!string.Equals(pull.HeadRepository, fullName, StringComparison.OrdinalIgnoreCase))
        {
            // A fork: the head repository is another one, owned by the contributor.
            var fork = JsonNode.Parse(body["base"]!["repo"]!.ToJsonString().Replace(fullName, pull.HeadRepository, StringComparison.Ordinal))!.AsObject();
            fork["id"] = pull.Id + 1;
            fork["name"] = pull.HeadRepository.Split('/')[1];
            fork["fork"] = true;
            fork["owner"] = User(headOwner, pull.AuthorId, "User");
            head["repo"] = fork;
            head["user"] = User(headOwner, pull.AuthorId, "User");
        }

        return body;
    }

    public JsonObject Review(GitHubReviewSeed review, GitHubPullRequestSeed? pull)
    {
        var fullName = $"{review.Owner}/{review.Repo}";
        var body = Template("pull-request-review", ("octocat/Hello-World", fullName));
        var html = $"{ServerUrl}/{fullName}/pull/{review.Number}#pullrequestreview-{review.Id}";
        var pullUrl = $"{_apiUrl}/repos/{fullName}/pulls/{review.Number}";
        body["id"] = review.Id;
        body["node_id"] = NodeId("PRR_kwDO", review.Id);
        body["user"] = User(review.Reviewer, review.ReviewerId, "User");
        body["state"] = review.State;
        body["submitted_at"] = Timestamp(review.SubmittedAt);
        body["html_url"] = html;
        body["pull_request_url"] = pullUrl;
        body["_links"] = new JsonObject
        {
            ["html"] = new JsonObject { ["href"] = html },
            ["pull_request"] = new JsonObject { ["href"] = pullUrl },
        };
        body["commit_id"] = pull?.HeadSha ?? body["commit_id"]?.GetValue<string>();
        return body;
    }

    /// <summary>A user as GitHub embeds one (simple-user), made from the example's octocat.</summary>
    public JsonObject User(string login, long id, string type)
    {
        var creator = JsonNode.Parse(_templates["status"])!["creator"]!.ToJsonString();
        var user = JsonNode.Parse(creator.Replace("octocat", login, StringComparison.Ordinal))!.AsObject();
        user["id"] = id;
        user["node_id"] = NodeId("U_kgDO", id);
        user["type"] = type;
        user["site_admin"] = false;
        return user;
    }

    public static JsonObject Error(string message, string documentationUrl, int statusCode, IEnumerable<GitHubFieldError>? errors = null)
    {
        var body = new JsonObject { ["message"] = message };
        if (errors is not null)
        {
            body["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
            {
                ["resource"] = e.Resource,
                ["code"] = e.Code,
                ["field"] = e.Field,
                ["message"] = e.Message,
            }).ToArray());
        }

        body["documentation_url"] = documentationUrl;
        body["status"] = statusCode.ToString(CultureInfo.InvariantCulture);
        return body;
    }

    private JsonObject Template(string name, params (string From, string To)[] replacements)
    {
        var text = _templates[name];
        foreach (var (from, to) in replacements)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    private static string NodeId(string prefix, long id) =>
        prefix + Convert.ToBase64String(BitConverter.GetBytes(id)).TrimEnd('=');

    private static string? Timestamp(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
