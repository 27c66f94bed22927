using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunGates.GitHub.Http;

/// <summary>
/// Sends nothing: writes each request (method, path, JSON body) to <c>NN-METHOD-name.json</c> in
/// <paramref name="directory"/> and answers as GitHub would, with an empty list of earlier check runs and made-up ids,
/// so a dry run walks exactly the path a real one takes. Headers are not written: they carry the token.
/// </summary>
public sealed class GitHubDryRunHandler(string directory, string apiUrl, string serverUrl) : HttpMessageHandler
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string _basePath = new Uri(apiUrl.TrimEnd('/') + "/").AbsolutePath;
    private int _count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _count);
        var uri = request.RequestUri!;
        var path = "/" + uri.AbsolutePath[Math.Min(_basePath.Length, uri.AbsolutePath.Length)..].TrimStart('/');
        JsonNode? body = null;
        if (request.Content is not null)
        {
            var text = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }

        var record = new JsonObject
        {
            ["method"] = request.Method.Method,
            ["path"] = path + uri.Query,
            ["body"] = body?.DeepClone(),
        };
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{number:00}-{request.Method.Method}-{path.Trim('/').Replace('/', '-')}.json");
        await File.WriteAllTextAsync(Path.Combine(directory, name), record.ToJsonString(Indented) + "\n", cancellationToken).ConfigureAwait(false);

        var (status, answer) = Answer(request.Method, path, body as JsonObject);
        return new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }

    private (HttpStatusCode Status, JsonNode Body) Answer(HttpMethod method, string path, JsonObject? body)
    {
        var segments = path.Trim('/').Split('/');
        var repository = segments.Length >= 3 ? $"{segments[1]}/{segments[2]}" : "owner/repo";
        if (method == HttpMethod.Get && path.EndsWith("/check-runs", StringComparison.Ordinal))
        {
            return (HttpStatusCode.OK, new JsonObject { ["total_count"] = 0, ["check_runs"] = new JsonArray() });
        }

        if (path.Contains("/check-runs", StringComparison.Ordinal))
        {
            const long id = 1;
            return (method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK, new JsonObject
            {
                ["id"] = id,
                ["name"] = body?["name"]?.DeepClone(),
                ["head_sha"] = body?["head_sha"]?.DeepClone(),
                ["external_id"] = body?["external_id"]?.DeepClone(),
                ["status"] = "completed",
                ["conclusion"] = body?["conclusion"]?.DeepClone(),
                ["html_url"] = $"{serverUrl}/{repository}/runs/{id}",
                ["output"] = new JsonObject { ["annotations_count"] = 0 },
            });
        }

        if (path.Contains("/statuses/", StringComparison.Ordinal))
        {
            return (HttpStatusCode.Created, new JsonObject { ["id"] = 1, ["state"] = body?["state"]?.DeepClone(), ["context"] = body?["context"]?.DeepClone() });
        }

        if (path.EndsWith("/reviews", StringComparison.Ordinal))
        {
            return (HttpStatusCode.OK, new JsonArray());
        }

        if (path.Contains("/pulls/", StringComparison.Ordinal))
        {
            return (HttpStatusCode.OK, new JsonObject { ["number"] = int.TryParse(segments[^1], out var n) ? n : 0, ["user"] = new JsonObject { ["login"] = "(dry run)" } });
        }

        return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found (dry run knows no answer to this request)" });
    }
}
