using System.Text.Json.Nodes;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// Turns a schema from GitHub's OpenAPI 3.0 description into a standalone JSON Schema document NJsonSchema validates:
/// the components it references (transitively) become <c>definitions</c>, and OpenAPI's own keywords become their JSON
/// Schema equivalents.
/// </summary>
internal static class OpenApiSchemaConverter
{
    private const string ComponentPrefix = "#/components/schemas/";

    /// <param name="closeObjects">
    /// Reject properties the schema does not declare. GitHub silently ignores unknown body parameters, which is exactly how a
    /// misspelt field (<c>anotations</c>) would go unnoticed, so request schemas are closed; response schemas are not.
    /// </param>
    public static string ToJsonSchema(JsonNode schema, JsonObject components, bool closeObjects)
    {
        var definitions = new JsonObject();
        var pending = new Queue<string>();
        var root = Convert(schema, closeObjects, pending);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            var component = components[name] ?? throw new InvalidOperationException("OpenAPI component not found: " + name);
            definitions[name] = Convert(component, closeObjects, pending);
        }

        var document = root as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(root) };
        document["definitions"] = definitions;
        return document.ToJsonString();
    }

    private static JsonNode Convert(JsonNode node, bool closeObjects, Queue<string> references)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray(array.Select(item => item is null ? null : Convert(item, closeObjects, references)).ToArray());
            case JsonObject obj:
                var converted = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    // OpenAPI-only keywords: examples and vendor extensions carry no constraint.
                    if (key is "example" or "examples" or "discriminator" or "xml" or "externalDocs" or "nullable" || key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (key == "$ref" && value is JsonValue reference && reference.GetValue<string>() is var target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                    {
                        var name = target[ComponentPrefix.Length..];
                        references.Enqueue(name);
                        converted[key] = "#/definitions/" + name;
                        continue;
                    }

                    // Under "properties" every key is a property name, not a keyword.
                    converted[key] = value is null ? null
                        : key == "properties" && value is JsonObject properties ? ConvertProperties(properties, closeObjects, references)
                        : Convert(value, closeObjects, references);
                }

                if (closeObjects && converted.ContainsKey("properties") && !converted.ContainsKey("additionalProperties"))
                {
                    converted["additionalProperties"] = false;
                }

                return obj["nullable"] is JsonValue nullable && nullable.GetValue<bool>() ? AllowNull(converted) : converted;
            default:
                return node.DeepClone();
        }
    }

    private static JsonObject ConvertProperties(JsonObject properties, bool closeObjects, Queue<string> references)
    {
        var converted = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            converted[name] = schema is null ? null : Convert(schema, closeObjects, references);
        }

        return converted;
    }

    /// <summary>OpenAPI 3.0's <c>nullable: true</c> is JSON Schema's <c>null</c> among the allowed types (and enum values).</summary>
    private static JsonObject AllowNull(JsonObject schema)
    {
        switch (schema["type"])
        {
            case JsonValue type:
                schema["type"] = new JsonArray(type.GetValue<string>(), "null");
                break;
            case JsonArray types when !types.Any(t => t?.GetValue<string>() == "null"):
                types.Add("null");
                break;
            case null:
                return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        return schema;
    }
}
