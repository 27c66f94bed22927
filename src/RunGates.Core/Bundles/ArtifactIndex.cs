using System.Text.Json;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Bundles;

/// <summary>
/// <c>artifact_index.json</c>, the commit barrier: path, size and SHA-256 of every file of the bundle except itself and
/// the promotion packet, sorted by UTF-8 path. A bundle without one was never committed.
/// </summary>
public sealed record ArtifactIndex(int Version, string RunId, DateTimeOffset CommittedAt, IReadOnlyList<LedgerEntry> Files)
{
    public const int CurrentVersion = 1;

    /// <summary>
    /// The promotion packet's path in the bundle when the run writes one (after the index, so the index cannot list it);
    /// null when it writes none. The commit is complete only once this file exists.
    /// </summary>
    public string? Packet { get; init; }

    /// <summary>The index's text, as <see cref="WriteTo"/> writes it (for small indexes and tests).</summary>
    public string ToJson()
    {
        using var bytes = new MemoryStream();
        WriteTo(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    /// <summary>
    /// Writes the index to <paramref name="output"/> entry by entry, byte for byte what serializing the whole record
    /// gives (the bundle's JSON shape, a final LF), without ever holding its text: at 200,000 files the text alone was
    /// 60 MB as a string and 30 MB again as bytes. Each property comes from the generated metadata, in its order.
    /// </summary>
    public void WriteTo(Stream output)
    {
        var options = BundleJson.Options;
        var entryInfo = BundleJson.TypeInfo<LedgerEntry>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, IndentSize = options.IndentSize, NewLine = options.NewLine, Encoder = options.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var property in BundleJson.TypeInfo<ArtifactIndex>().Properties)
            {
                writer.WritePropertyName(property.Name);
                if (property.PropertyType == typeof(IReadOnlyList<LedgerEntry>) && Files is not null)
                {
                    writer.WriteStartArray();
                    foreach (var entry in Files)
                    {
                        JsonSerializer.Serialize(writer, entry, entryInfo);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    JsonSerializer.Serialize(writer, property.Get!(this), options.GetTypeInfo(property.PropertyType));
                }
            }

            writer.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>Parses index text; the error says what is wrong with it, for RG4008.</summary>
    public static bool TryParse(string json, out ArtifactIndex? index, out string? error)
    {
        index = null;
        try
        {
            var parsed = JsonSerializer.Deserialize(json, BundleJson.TypeInfo<ArtifactIndex>());
            error = parsed switch
            {
                null => "expected an object, found null",
                { Version: not CurrentVersion } => $"expected version {CurrentVersion}, found {parsed.Version}",
                { RunId: null } => "expected a run_id, found none",
                { Files: null } => "expected a files array, found none",
                { Packet: { } packet } when PacketError(packet) is { } packetError => $"packet '{packet}' {packetError}",
                _ => parsed.Files.Select((f, i) => FileError(f, i)).FirstOrDefault(e => e is not null),
            };
            index = error is null ? parsed : null;
        }
        catch (JsonException e)
        {
            error = e.Message;
        }

        return index is not null;
    }

    /// <summary>
    /// Reads the index file at <paramref name="path"/> through the regular-file open (a FIFO in its place is refused, not
    /// waited on): streamed into compact entries when it has the shape RunGates writes, else parsed whole by
    /// <see cref="TryParse"/>, which gives the same index, or the same refusal and message, as ever. Missing and
    /// unreadable files throw as <see cref="File.ReadAllText(string)"/> does.
    /// </summary>
    internal static ArtifactIndexReading Read(string path) => ArtifactIndexReader.Read(path);

    internal static string? PacketError(string packet) =>
        RootedPath.Refusal(packet.Replace('\\', '/')) ?? ReservedBundleNames.Refusal(packet);

    internal static string? FileError(LedgerEntry? entry, int i) => entry switch
    {
        null => $"files[{i}] is null, expected an object",
        { Path: null or "" } => $"files[{i}] has no path",
        { Sha256: var sha } when sha is null || sha.Length != 64 || !sha.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)) =>
            $"files[{i}] ({entry.Path}) has sha256 '{sha}', expected 64 lowercase hex digits",
        { Size: < 0 } => $"files[{i}] ({entry.Path}) has a negative size",
        _ => null,
    };
}
