using System.Text.Json.Nodes;
using NJsonSchema;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// <c>@octokit/webhooks-schemas</c> (pinned in tools/): one JSON Schema (draft 07) whose definitions describe every event
/// payload, e.g. <c>pull_request$opened</c>, <c>push$event</c>; they share definitions through <c>$ref</c>, which NJsonSchema
/// resolves. Loaded once per test run.
/// </summary>
internal static class WebhookSchemas
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Why <paramref name="json"/> is not a valid payload of <paramref name="definition"/>; empty when it is.</summary>
    public static IReadOnlyList<string> Violations(string definition, string json)
    {
        var schema = Schema.Value.Definitions.TryGetValue(definition, out var found)
            ? found
            : throw new ArgumentException("No webhook schema definition " + definition, nameof(definition));
        lock (schema)
        {
            return schema.Validate(json).Select(e => e.ToString()).ToList();
        }
    }

    private static JsonSchema Load()
    {
        var document = JsonNode.Parse(File.ReadAllText(NodeTools.WebhookSchema))!;
        ReplaceConst(document);
        return JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
    }

    /// <summary>NJsonSchema does not know draft 06's <c>const</c>; <c>enum</c> with its one value means the same.</summary>
    private static void ReplaceConst(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is { } value && obj["enum"] is null)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(value);
                }

                foreach (var (_, child) in obj.ToList())
                {
                    ReplaceConst(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    ReplaceConst(item);
                }

                break;
        }
    }
}
