using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunGates.Core.Bundles;

/// <summary>The JSON shape of bundle files: snake_case keys, indented, readable Unicode.</summary>
internal static class BundleJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NewLine = "\n",
        TypeInfoResolver = RunGatesJsonContext.Default,
    };
}
