using System.Text.Json;
using System.Text.RegularExpressions;
using RunGates.Core.Paths;

namespace RunGates.Core.Checks;

/// <summary>Reads version pins from version files and compares them with what a tool reports.</summary>
internal static partial class ToolVersions
{
    /// <summary>The pin in <paramref name="fullPath"/> for <paramref name="tool"/>, or why there is none.</summary>
    public static (string? Version, string? Error) ReadPin(string fullPath, string tool)
    {
        if (!File.Exists(fullPath))
        {
            return (null, $"{fullPath} does not exist");
        }

        var name = Path.GetFileName(fullPath);
        if (RegularFileText.TryRead(fullPath, out var problem) is not { } text)
        {
            return (null, $"{fullPath} {problem}");
        }

        if (name.Equals("global.json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                return json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("sdk", out var sdk) && sdk.ValueKind == JsonValueKind.Object
                    && sdk.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
                    ? (version.GetString(), null)
                    : (null, $"{name} has no sdk.version");
            }
            catch (JsonException e)
            {
                return (null, $"{name} is not valid JSON: {e.Message}");
            }
        }

        if (name.Equals(".tool-versions", StringComparison.OrdinalIgnoreCase))
        {
            // asdf names some tools differently: nodejs for node, dotnet-core for dotnet.
            string[] names = tool switch
            {
                "node" => ["node", "nodejs"],
                "dotnet" => ["dotnet", "dotnet-core"],
                _ => [tool],
            };
            foreach (var line in text.Split('\n'))
            {
                var fields = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && names.Contains(fields[0], StringComparer.Ordinal))
                {
                    return (fields[1], null);
                }
            }

            return (null, $"{name} has no line for {tool}");
        }

        // .nvmrc, .node-version and any other one-line file: the first non-comment line.
        var pin = text.Split('\n').Select(l => l.Split('#')[0].Trim()).FirstOrDefault(l => l.Length > 0);
        return pin is null ? (null, $"{name} is empty") : (pin, null);
    }

    /// <summary>The first version-like number in a tool's <c>--version</c> output (<c>v20.11.1</c> gives <c>20.11.1</c>).</summary>
    public static string? Parse(string output)
    {
        var match = VersionNumber().Match(output);
        return match.Success ? match.Value : null;
    }

    /// <summary>A pin matches the same version or any version below it on a dotted boundary: "10" matches 10.0.100, not 100.1.</summary>
    public static bool Matches(string pin, string actual)
    {
        var wanted = Strip(pin);
        var found = Strip(actual);
        return found == wanted || found.StartsWith(wanted + ".", StringComparison.Ordinal);
    }

    public static string Strip(string version) => version.Trim().TrimStart('v', 'V');

    [GeneratedRegex(@"\d+(?:\.\d+)+(?:-[0-9A-Za-z.-]+)?|\d+", RegexOptions.CultureInvariant)]
    private static partial Regex VersionNumber();
}
