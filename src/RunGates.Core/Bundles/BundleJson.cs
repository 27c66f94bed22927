using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
        // A key named twice would let the last value hide the first: refused, as in evidence.
        AllowDuplicateProperties = false,
        TypeInfoResolver = RunGatesJsonContext.Default,
    };

    /// <summary>The same shape on one line, for <c>status.jsonl</c>.</summary>
    public static JsonSerializerOptions Compact { get; } = new(Options) { WriteIndented = false };

    /// <summary>The generated metadata for <typeparamref name="T"/> (no reflection, so Native AOT keeps working).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions? options = null) => (JsonTypeInfo<T>)(options ?? Options).GetTypeInfo(typeof(T));
}
