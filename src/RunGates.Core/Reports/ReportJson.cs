using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RunGates.Core.Checks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Reports;

/// <summary>The one JSON shape of every file RunGates writes for people and scripts: snake_case, indented, enums as words, times in UTC.</summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            // These files are read by people and jq, never embedded in HTML: keep non-ASCII and '+' readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            // A key named twice would let the last value hide the first (a forged "promotable"): refused, as in evidence.
            AllowDuplicateProperties = false,
            TypeInfoResolver = RunGatesJsonContext.Default,
        };
        // One converter per enum these files hold: the generic converter needs no code generated at run time.
        options.Converters.Add(new JsonStringEnumConverter<Verdict>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<Outcome>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<Phase>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<Severity>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The generated metadata for <typeparamref name="T"/> with these options (no reflection, so Native AOT keeps working).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Writes <c>2026-11-23T08:56:56.1234567Z</c>: ISO 8601 in UTC, whatever offset the value carried.</summary>
    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        // A time that does not parse is a JsonException like any other bad value, so readers name the file, not crash.
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.TryParse(reader.GetString() ?? throw new JsonException("Expected an ISO 8601 time, found null."), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUniversalTime()
                : throw new JsonException($"Expected an ISO 8601 time, found \"{reader.GetString()}\".");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
    }
}
