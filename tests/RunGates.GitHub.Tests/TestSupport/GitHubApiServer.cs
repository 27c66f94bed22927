using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NJsonSchema.Validation;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// A GitHub REST API on 127.0.0.1 (an ephemeral port) for the GitHub front door's tests. It serves the check run, commit
/// status and pull request operations (<see cref="GitHubOperation"/>) under GitHub Enterprise's <c>/api/v3</c> prefix or
/// without it; checks every request body against the schema of its operation in GitHub's own OpenAPI description (pinned in
/// tools/) and the documented limits (<see cref="GitHubRequestLimits"/>), answering 422 as GitHub does; records every request;
/// keeps check runs and statuses so reruns can be observed; and answers with scripted faults (<see cref="EnqueueFault"/>).
/// One instance per test class (IClassFixture) or per test (<c>await using</c>); <see cref="Reset"/> clears it between tests.
/// </summary>
public sealed class GitHubApiServer : IAsyncDisposable, IDisposable
{
    private const string JsonMediaType = "application/json; charset=utf-8";

    private readonly WebApplication _app;
    private readonly GitHubResponseBodies _bodies;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(GitHubOperation? Operation, GitHubFault Fault)> _faults = [];
    private readonly SortedDictionary<long, GitHubCheckRunState> _checkRuns = [];
    private readonly List<RecordedCommitStatus> _statuses = [];
    private readonly Dictionary<(string Owner, string Repo, int Number), GitHubPullRequestSeed> _pulls = [];
    private readonly List<GitHubReviewSeed> _reviews = [];
    private long _lastId = 4_200_000_000;
    private long _requestCount = 0x1A2B00;
    private int _disposed;

    public GitHubApiServer()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        ServerUrl = _app.Urls.Single().TrimEnd('/');
        _bodies = new GitHubResponseBodies(ServerUrl, ApiUrl);
    }

    /// <summary>The web address, as GITHUB_SERVER_URL would be on GitHub Enterprise: <c>http://127.0.0.1:PORT</c>.</summary>
    public string ServerUrl { get; }

    /// <summary>The API address, as GITHUB_API_URL would be on GitHub Enterprise: <c>http://127.0.0.1:PORT/api/v3</c>.</summary>
    public string ApiUrl => ServerUrl + "/api/v3";

    /// <summary>Every request received so far, in order of arrival (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Every check run created so far, by id, with its current state (a snapshot).</summary>
    public IReadOnlyList<RecordedCheckRun> CheckRuns
    {
        get
        {
            lock (_gate)
            {
                return _checkRuns.Values.Select(run => run.Snapshot()).ToArray();
            }
        }
    }

    /// <summary>Every commit status created so far, in order (a snapshot).</summary>
    public IReadOnlyList<RecordedCommitStatus> Statuses
    {
        get
        {
            lock (_gate)
            {
                return _statuses.ToArray();
            }
        }
    }

    /// <summary>Faults enqueued and not yet used.</summary>
    public int PendingFaults
    {
        get
        {
            lock (_gate)
            {
                return _faults.Count;
            }
        }
    }

    /// <summary>
    /// Answers the next <paramref name="times"/> requests for <paramref name="operation"/> (any operation when null) with
    /// <paramref name="fault"/> instead of serving them. Faults are used in the order enqueued; a faulted request is still
    /// recorded, with its validation errors.
    /// </summary>
    public void EnqueueFault(GitHubFault fault, GitHubOperation? operation = null, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _faults.Add((operation, fault));
            }
        }
    }

    /// <summary>
    /// Puts an open pull request on the server, as GET /repos/{owner}/{repo}/pulls/{number} then answers. The head is in
    /// <paramref name="headRepository"/> (<c>owner/name</c>; default: the base repository, a fork otherwise).
    /// </summary>
    public void SeedPullRequest(string owner, string repo, int number, string author, string? headSha = null, string? headRepository = null, string headRef = "feature")
    {
        lock (_gate)
        {
            _pulls[(owner, repo, number)] = new GitHubPullRequestSeed(
                owner, repo, number, NextId(), author, IdOf(author), headSha ?? "6dcb09b5b57875f334f61aebed695e2e4193db5e", headRef,
                headRepository ?? $"{owner}/{repo}");
        }
    }

    /// <summary>
    /// Adds a review to a pull request, listed by GET …/pulls/{number}/reviews in the order added (GitHub lists them
    /// chronologically). <paramref name="state"/> is GitHub's: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING.
    /// Returns the review's id.
    /// </summary>
    public long SeedReview(string owner, string repo, int number, string reviewer, string state, DateTimeOffset? submittedAt = null)
    {
        lock (_gate)
        {
            var id = NextId();
            _reviews.Add(new GitHubReviewSeed(owner, repo, number, id, reviewer, IdOf(reviewer), state,
                state == "PENDING" ? null : submittedAt ?? DateTimeOffset.UtcNow));
            return id;
        }
    }

    /// <summary>Forgets every request, fault, check run, status, pull request and review: a fresh server on the same port.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _faults.Clear();
            _checkRuns.Clear();
            _statuses.Clear();
            _pulls.Clear();
            _reviews.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task HandleAsync(HttpContext context)
    {
        var received = DateTimeOffset.UtcNow;
        var request = context.Request;
        var path = WithoutApiPrefix(request.Path.Value ?? "/");
        string? rawBody;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            rawBody = await reader.ReadToEndAsync(context.RequestAborted);
        }

        if (rawBody.Length == 0)
        {
            rawBody = null;
        }

        var route = GitHubRoutes.Match(request.Method, path);
        var body = ParseJson(rawBody, out var parsed);
        var errors = route is { } matched && GitHubRoutes.HasBody(matched.Operation) && parsed ? Validate(matched.Operation, rawBody, body) : [];
        var requestId = RequestId();

        GitHubFault? fault = null;
        Answer answer;
        if (route is not { } found)
        {
            answer = new(404, GitHubResponseBodies.Error("Not Found", "https://docs.github.com/rest", 404));
        }
        else
        {
            var documentation = OpenApiDescription.Shared.DocumentationUrl(found.Operation);
            fault = TakeFault(found.Operation);
            if (fault is not null)
            {
                var message = fault.Message.Replace("{request_id}", requestId, StringComparison.Ordinal);
                answer = new(fault.StatusCode, GitHubResponseBodies.Error(message, fault.DocumentationUrl ?? documentation, fault.StatusCode, fault.Errors), fault.Headers);
            }
            else if (!parsed)
            {
                answer = new(400, GitHubResponseBodies.Error("Problems parsing JSON", documentation, 400));
            }
            else if (request.Method != "GET" && !request.Headers.ContainsKey("Authorization"))
            {
                answer = new(401, GitHubResponseBodies.Error("Requires authentication", documentation, 401));
            }
            else if (GitHubRoutes.HasBody(found.Operation) && body is not JsonObject)
            {
                answer = new(400, GitHubResponseBodies.Error("Problems parsing JSON", documentation, 400));
            }
            else if (errors.Count > 0)
            {
                // Schema violations read as GitHub's "Invalid request." answers; the documented limits as its "Validation Failed".
                var message = errors.Any(e => e.FromSchema)
                    ? "Invalid request.\n\n" + string.Join("\n", errors.Select(e => e.ToString()))
                    : "Validation Failed";
                answer = new(422, GitHubResponseBodies.Error(message, documentation, 422, errors));
            }
            else
            {
                try
                {
                    answer = Serve(found.Operation, found.Parameters, (JsonObject?)body, request.Query);
                }
                catch (Exception exception)
                {
                    // A bug in this server, not GitHub behaviour: answered and recorded so the failing test shows it.
                    answer = new(500, GitHubResponseBodies.Error("GitHubApiServer failed: " + exception, documentation, 500));
                }
            }
        }

        lock (_gate)
        {
            _requests.Add(new RecordedRequest(
                request.Method.ToUpperInvariant(),
                path,
                route?.Operation,
                request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                rawBody,
                body,
                errors.Select(e => e.ToString()).ToArray(),
                answer.StatusCode,
                answer.Body.ToJsonString(),
                fault,
                received));
        }

        await WriteAsync(context.Response, answer, requestId);
    }

    private Answer Serve(GitHubOperation operation, IReadOnlyDictionary<string, string> parameters, JsonObject? body, IQueryCollection query)
    {
        var owner = parameters["owner"];
        var repo = parameters["repo"];
        lock (_gate)
        {
            switch (operation)
            {
                case GitHubOperation.CreateCheckRun:
                {
                    var id = NextId();
                    var run = new GitHubCheckRunState
                    {
                        Id = id,
                        CheckSuiteId = id + 7,
                        Owner = owner,
                        Repo = repo,
                        HeadSha = body!["head_sha"]!.GetValue<string>(),
                        HtmlUrl = $"{ServerUrl}/{owner}/{repo}/runs/{id}",
                        Name = body["name"]!.GetValue<string>(),
                        StartedAt = DateTimeOffset.UtcNow,
                    };
                    Apply(run, body);
                    _checkRuns[id] = run;
                    return new(201, _bodies.CheckRun(run));
                }

                case GitHubOperation.UpdateCheckRun or GitHubOperation.GetCheckRun:
                {
                    var id = long.Parse(parameters["check_run_id"], CultureInfo.InvariantCulture);
                    if (!_checkRuns.TryGetValue(id, out var run) || run.Owner != owner || run.Repo != repo)
                    {
                        return NotFound(operation);
                    }

                    if (operation == GitHubOperation.UpdateCheckRun)
                    {
                        Apply(run, body!);
                    }

                    return new(200, _bodies.CheckRun(run));
                }

                case GitHubOperation.ListCheckRunsForRef:
                    return ListCheckRuns(owner, repo, parameters["ref"], query);

                case GitHubOperation.CreateCommitStatus:
                {
                    var status = new RecordedCommitStatus(
                        NextId(), owner, repo, parameters["sha"], body!["state"]!.GetValue<string>(),
                        Text(body["context"]) ?? "default", Text(body["description"]), Text(body["target_url"]), DateTimeOffset.UtcNow);
                    _statuses.Add(status);
                    var json = _bodies.Status(status);
                    return new(201, json, new Dictionary<string, string> { ["Location"] = json["url"]!.GetValue<string>() });
                }

                case GitHubOperation.GetPullRequest:
                {
                    var number = int.Parse(parameters["pull_number"], CultureInfo.InvariantCulture);
                    return _pulls.TryGetValue((owner, repo, number), out var pull) ? new(200, _bodies.PullRequest(pull)) : NotFound(operation);
                }

                case GitHubOperation.ListPullRequestReviews:
                {
                    var number = int.Parse(parameters["pull_number"], CultureInfo.InvariantCulture);
                    if (!_pulls.TryGetValue((owner, repo, number), out var pull))
                    {
                        return NotFound(operation);
                    }

                    var reviews = _reviews.Where(r => r.Owner == owner && r.Repo == repo && r.Number == number).ToList();
                    var (page, links) = Page(reviews, query, $"/repos/{owner}/{repo}/pulls/{number}/reviews");
                    return new(200, new JsonArray(page.Select(r => (JsonNode)_bodies.Review(r, pull)).ToArray()), links);
                }

                default:
                    throw new InvalidOperationException("Unserved operation " + operation);
            }
        }
    }

    /// <summary>What GitHub does with a create or update body: fields replace, annotations append, a conclusion completes.</summary>
    private static void Apply(GitHubCheckRunState run, JsonObject body)
    {
        run.Requests++;
        run.Name = Text(body["name"]) ?? run.Name;
        run.ExternalId = Text(body["external_id"]) ?? run.ExternalId;
        run.DetailsUrl = Text(body["details_url"]) ?? run.DetailsUrl;
        run.StartedAt = Time(body["started_at"]) ?? run.StartedAt;
        run.Status = Text(body["status"]) ?? run.Status;
        run.Conclusion = Text(body["conclusion"]) ?? run.Conclusion;
        if (run.Conclusion is not null)
        {
            // "Providing conclusion will automatically set the status parameter to completed." (OpenAPI, checks/create)
            run.Status = "completed";
        }

        run.CompletedAt = Time(body["completed_at"]) ?? (run.Status == "completed" ? run.CompletedAt ?? DateTimeOffset.UtcNow : null);
        if (body["output"] is JsonObject output)
        {
            run.Title = Text(output["title"]) ?? run.Title;
            run.Summary = Text(output["summary"]) ?? run.Summary;
            run.Text = Text(output["text"]) ?? run.Text;
            if (output["annotations"] is JsonArray annotations)
            {
                run.Annotations.AddRange(annotations.OfType<JsonObject>().Select(a => a.DeepClone().AsObject()));
            }
        }
    }

    private Answer ListCheckRuns(string owner, string repo, string reference, IQueryCollection query)
    {
        // Only SHAs are resolved; branch and tag names would need a git repository behind the server.
        IEnumerable<GitHubCheckRunState> runs = _checkRuns.Values
            .Where(r => r.Owner == owner && r.Repo == repo && r.HeadSha == reference)
            .OrderByDescending(r => r.Id);
        if (query["check_name"].ToString() is { Length: > 0 } name)
        {
            runs = runs.Where(r => r.Name == name);
        }

        if (query["status"].ToString() is { Length: > 0 } status)
        {
            runs = runs.Where(r => r.Status == status);
        }

        // filter=latest (the default) keeps the most recent run of each name; filter=all keeps every one.
        if (query["filter"].ToString() is not "all")
        {
            runs = runs.GroupBy(r => r.Name).Select(g => g.First()).OrderByDescending(r => r.Id);
        }

        var all = runs.ToList();
        var (page, links) = Page(all, query, $"/repos/{owner}/{repo}/commits/{reference}/check-runs");
        var body = new JsonObject
        {
            ["total_count"] = all.Count,
            ["check_runs"] = new JsonArray(page.Select(r => (JsonNode)_bodies.CheckRun(r)).ToArray()),
        };
        return new(200, body, links);
    }

    /// <summary>per_page (default 30, at most 100) and page (from 1), with GitHub's Link header for the next and last pages.</summary>
    private (IReadOnlyList<T> Page, Dictionary<string, string> Headers) Page<T>(IReadOnlyList<T> items, IQueryCollection query, string path)
    {
        var perPage = Math.Clamp(int.TryParse(query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 30, 1, 100);
        var page = Math.Max(int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 1, 1);
        var pages = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var headers = new Dictionary<string, string>();
        if (pages > 1)
        {
            var others = query.Where(q => q.Key is not ("page" or "per_page")).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}&");
            string Link(int target, string rel) => $"<{ApiUrl}{path}?{string.Concat(others)}per_page={perPage}&page={target}>; rel=\"{rel}\"";
            var links = new List<string>();
            if (page > 1)
            {
                links.Add(Link(page - 1, "prev"));
                links.Add(Link(1, "first"));
            }

            if (page < pages)
            {
                links.Add(Link(page + 1, "next"));
                links.Add(Link(pages, "last"));
            }

            headers["Link"] = string.Join(", ", links);
        }

        return (items.Skip((page - 1) * perPage).Take(perPage).ToList(), headers);
    }

    private static Answer NotFound(GitHubOperation operation) =>
        new(404, GitHubResponseBodies.Error("Not Found", OpenApiDescription.Shared.DocumentationUrl(operation), 404));

    private static List<GitHubFieldError> Validate(GitHubOperation operation, string? rawBody, JsonNode? body)
    {
        var resource = operation == GitHubOperation.CreateCommitStatus ? "Status" : "CheckRun";
        var schema = OpenApiDescription.Shared.RequestSchema(operation);
        ICollection<ValidationError> violations;
        lock (schema)
        {
            violations = schema.Validate(rawBody ?? "null");
        }

        var errors = Flatten(violations)
            .Select(v => new GitHubFieldError(
                resource,
                v.Kind == ValidationErrorKind.PropertyRequired ? "missing_field" : "invalid",
                v.Path ?? "#",
                $"{v.Kind} ({OpenApiDescription.Shared.OperationId(operation)} request body schema)",
                FromSchema: true))
            .ToList();
        errors.AddRange(GitHubRequestLimits.Check(operation, body));
        return errors;
    }

    /// <summary>anyOf/oneOf failures nest the reasons of each branch; those are what a reader needs.</summary>
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                yield return error;
                foreach (var nested in Flatten(child.Errors.Values.SelectMany(e => e)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private GitHubFault? TakeFault(GitHubOperation operation)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Operation is null || f.Operation == operation);
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index].Fault;
            _faults.RemoveAt(index);
            return fault;
        }
    }

    private async Task WriteAsync(HttpResponse response, Answer answer, string requestId)
    {
        int used;
        lock (_gate)
        {
            used = _requests.Count;
        }

        response.StatusCode = answer.StatusCode;
        response.ContentType = JsonMediaType;
        var headers = response.Headers;
        headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        headers["X-GitHub-Request-Id"] = requestId;
        headers["X-RateLimit-Limit"] = "5000";
        headers["X-RateLimit-Remaining"] = Math.Max(0, 5000 - used).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = used.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "core";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        await response.WriteAsync(answer.Body.ToJsonString(), Encoding.UTF8);
    }

    private static JsonNode? ParseJson(string? raw, out bool parsed)
    {
        parsed = true;
        if (raw is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            parsed = false;
            return null;
        }
    }

    private static string WithoutApiPrefix(string path) =>
        path.StartsWith("/api/v3/", StringComparison.OrdinalIgnoreCase) ? path["/api/v3".Length..] : path;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private long NextId() => Interlocked.Increment(ref _lastId);

    /// <summary>A stable user id per login (FNV-1a), so a login keeps its id across requests and runs.</summary>
    private static long IdOf(string login)
    {
        var hash = 2166136261u;
        foreach (var c in login)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return 1000 + hash % 90_000_000;
    }

    private string RequestId()
    {
        var n = Interlocked.Increment(ref _requestCount);
        return string.Create(CultureInfo.InvariantCulture, $"{n % 0xFFFF:X4}:{n % 0xFFF:X4}:{n:X}:{n * 3:X}:{DateTimeOffset.UtcNow.ToUnixTimeSeconds():X8}");
    }

    private sealed record Answer(int StatusCode, JsonNode Body, IReadOnlyDictionary<string, string>? Headers = null);
}
