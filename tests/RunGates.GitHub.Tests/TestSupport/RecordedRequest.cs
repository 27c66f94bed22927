using System.Text.Json.Nodes;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>One request <see cref="GitHubApiServer"/> received, and how it answered.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Path">The path without the Enterprise <c>/api/v3</c> prefix, e.g. <c>/repos/o/r/check-runs</c>.</param>
/// <param name="Operation">The operation the path and method matched; null for a path the server does not serve (answered 404).</param>
/// <param name="Query">Query string parameters.</param>
/// <param name="Headers">Request headers (case-insensitive keys), including Authorization, User-Agent and Accept.</param>
/// <param name="RawBody">The body as sent; null when empty.</param>
/// <param name="Body">The body parsed as JSON; null when empty or not JSON.</param>
/// <param name="ValidationErrors">
/// Why the body breaks its operation's schema in GitHub's OpenAPI description or a documented limit; empty when it is valid.
/// Recorded even when a fault answered the request.
/// </param>
/// <param name="StatusCode">The status code the server answered with.</param>
/// <param name="ResponseBody">The JSON the server answered with.</param>
/// <param name="Fault">The scripted fault that answered the request, if any.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    GitHubOperation? Operation,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string? RawBody,
    JsonNode? Body,
    IReadOnlyList<string> ValidationErrors,
    int StatusCode,
    string ResponseBody,
    GitHubFault? Fault,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The Authorization header as sent (e.g. <c>Bearer ghs_…</c> or <c>token …</c>), or null.</summary>
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    public override string ToString() => $"{Method} {Path} -> {StatusCode}";
}
