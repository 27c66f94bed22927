using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// GitHub's REST OpenAPI description as pinned in tools/ (<c>@octokit/openapi</c>, api.github.com.json): the request and
/// response schemas of the operations <see cref="GitHubApiServer"/> serves, and GitHub's own examples its responses start
/// from. The 13 MB file is read once per test run and only what is needed kept; each schema is compiled once.
/// </summary>
internal sealed class OpenApiDescription
{
    /// <summary>GitHub's examples of the objects the server answers with.</summary>
    public static readonly string[] ExampleNames = ["check-run", "status", "pull-request", "pull-request-review"];

    private static readonly Lazy<OpenApiDescription> SharedInstance = new(() => new OpenApiDescription(NodeTools.OpenApiDescription));

    private readonly Dictionary<GitHubOperation, OperationSchemas> _operations = [];
    private readonly Dictionary<string, string> _examples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(GitHubOperation, int?), Lazy<JsonSchema>> _compiled = new();

    private OpenApiDescription(string path)
    {
        // Everything is read here, on one thread: JsonNode materialises lazily and is not safe for concurrent first reads.
        JsonObject document;
        using (var stream = File.OpenRead(path))
        {
            document = JsonNode.Parse(stream)!.AsObject();
        }

        var components = document["components"]!.AsObject();
        var schemas = components["schemas"]!.AsObject();
        foreach (var operation in Enum.GetValues<GitHubOperation>())
        {
            var (method, template) = GitHubRoutes.Describe(operation);
            var description = document["paths"]?[template]?[method.ToLowerInvariant()]?.AsObject()
                ?? throw new InvalidOperationException($"{method} {template} is not in GitHub's OpenAPI description");
            var requestSchema = description["requestBody"]?["content"]?["application/json"]?["schema"];
            var responses = new Dictionary<int, string>();
            foreach (var (status, response) in description["responses"]!.AsObject())
            {
                if (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                    && response?["content"]?["application/json"]?["schema"] is { } responseSchema)
                {
                    responses[code] = OpenApiSchemaConverter.ToJsonSchema(responseSchema, schemas, closeObjects: false);
                }
            }

            _operations[operation] = new OperationSchemas(
                description["operationId"]!.GetValue<string>(),
                description["externalDocs"]!["url"]!.GetValue<string>(),
                requestSchema is null ? null : OpenApiSchemaConverter.ToJsonSchema(requestSchema, schemas, closeObjects: true),
                responses);
        }

        foreach (var name in ExampleNames)
        {
            _examples[name] = components["examples"]![name]!["value"]!.ToJsonString();
        }
    }

    public static OpenApiDescription Shared => SharedInstance.Value;

    public string OperationId(GitHubOperation operation) => _operations[operation].OperationId;

    /// <summary>The operation's page in GitHub's REST docs, as its error responses cite it.</summary>
    public string DocumentationUrl(GitHubOperation operation) => _operations[operation].DocumentationUrl;

    /// <summary>The schema of the operation's JSON request body, closed against undeclared properties.</summary>
    public JsonSchema RequestSchema(GitHubOperation operation) => Compiled(operation, null);

    /// <summary>The schema of the operation's JSON response with <paramref name="statusCode"/>, as GitHub documents it.</summary>
    public JsonSchema ResponseSchema(GitHubOperation operation, int statusCode) => Compiled(operation, statusCode);

    /// <summary>GitHub's example object, as JSON text.</summary>
    public string Example(string name) => _examples[name];

    private JsonSchema Compiled(GitHubOperation operation, int? statusCode) =>
        _compiled.GetOrAdd((operation, statusCode), key => new Lazy<JsonSchema>(() => Compile(key.Item1, key.Item2))).Value;

    private JsonSchema Compile(GitHubOperation operation, int? statusCode)
    {
        var schemas = _operations[operation];
        var json = statusCode is { } status
            ? schemas.Responses.GetValueOrDefault(status)
            : schemas.RequestBody;
        if (json is null)
        {
            throw new InvalidOperationException(
                $"{schemas.OperationId} has no JSON {(statusCode is null ? "request body" : "response " + statusCode)} in GitHub's OpenAPI description");
        }

        return JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult();
    }

    private sealed record OperationSchemas(string OperationId, string DocumentationUrl, string? RequestBody, IReadOnlyDictionary<int, string> Responses);
}
