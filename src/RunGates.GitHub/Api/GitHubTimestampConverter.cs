using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunGates.GitHub.Api;

/// <summary>Writes a time as GitHub's docs spell it, <c>YYYY-MM-DDTHH:MM:SSZ</c> in UTC; reads any ISO 8601 form.</summary>
internal sealed class GitHubTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
