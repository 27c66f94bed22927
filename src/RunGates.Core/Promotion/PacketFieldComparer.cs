using System.Text.Json.Nodes;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Promotion;

/// <summary>
/// Compares a packet on disk with the one the committed bundle gives, field by field, naming the deepest field that
/// differs (<c>checks[1].outcome</c>, <c>ledger.sha256</c>): missing RG4016, different RG4017, unknown RG4018.
/// </summary>
internal static class PacketFieldComparer
{
    private const int Shown = 160;

    public static void Compare(JsonObject expected, JsonObject actual, string packetName, ICollection<IntegrityProblem> problems) =>
        CompareObjects(expected, actual, "", packetName, problems);

    private static void CompareObjects(JsonObject expected, JsonObject actual, string prefix, string packetName, ICollection<IntegrityProblem> problems)
    {
        foreach (var (name, expectedValue) in expected)
        {
            var field = prefix + name;
            if (!actual.TryGetPropertyValue(name, out var actualValue))
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketFieldMissing, packetName,
                    $"field '{field}' is missing; the committed bundle gives {Text(expectedValue)}."));
                continue;
            }

            CompareValues(expectedValue, actualValue, field, packetName, problems);
        }

        foreach (var (name, _) in actual)
        {
            if (!expected.ContainsKey(name))
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketFieldUnknown, packetName,
                    $"field '{prefix + name}' is not a field of a promotion packet; nothing in the bundle can vouch for it."));
            }
        }
    }

    private static void CompareValues(JsonNode? expected, JsonNode? actual, string field, string packetName, ICollection<IntegrityProblem> problems)
    {
        if (expected is JsonObject expectedObject && actual is JsonObject actualObject)
        {
            CompareObjects(expectedObject, actualObject, field + ".", packetName, problems);
            return;
        }

        if (expected is JsonArray expectedArray && actual is JsonArray actualArray && expectedArray.Count == actualArray.Count)
        {
            for (var i = 0; i < expectedArray.Count; i++)
            {
                CompareValues(expectedArray[i], actualArray[i], $"{field}[{i}]", packetName, problems);
            }

            return;
        }

        if (!JsonNode.DeepEquals(expected, actual))
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketFieldDisagrees, packetName,
                $"field '{field}' is {Text(actual)}, but the committed bundle gives {Text(expected)}."));
        }
    }

    private static string Text(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= Shown ? text : text[..Shown] + "…";
    }
}
