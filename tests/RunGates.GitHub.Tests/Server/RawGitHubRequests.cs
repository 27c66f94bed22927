using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace RunGates.GitHub.Tests.Server;

/// <summary>Plain HttpClient calls to the test server, as any GitHub client would send them, for the server's own tests.</summary>
internal static class RawGitHubRequests
{
    public const string Sha = "0123456789abcdef0123456789abcdef01234567";

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(string method, string url, string? json = null, bool authorized = true)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("rungates-tests", "1.0"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        if (authorized)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ghs_testtoken");
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static JsonObject Annotation(int line, string level = "failure") => new()
    {
        ["path"] = "rungates.yml",
        ["start_line"] = line,
        ["end_line"] = line,
        ["start_column"] = 3,
        ["end_column"] = 9,
        ["annotation_level"] = level,
        ["message"] = $"strict.gttResidual is \"WARN\", expected \"PASS\" (line {line})",
        ["title"] = "RG3001 gtt-residual",
    };

    public static JsonObject CheckRun(int annotations = 1, string name = "rungates/release") => new()
    {
        ["name"] = name,
        ["head_sha"] = Sha,
        ["external_id"] = "run-20250102-0915",
        ["status"] = "completed",
        ["conclusion"] = "failure",
        ["output"] = new JsonObject
        {
            ["title"] = "reject: 1 blocker failed",
            ["summary"] = "## RunGates\n1 blocker failed.",
            ["annotations"] = new JsonArray(Enumerable.Range(1, annotations).Select(i => (JsonNode)Annotation(i)).ToArray()),
        },
    };

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
