using System.Text.Json;
using RunGates.Core.Ledgers;
using RunGates.Core.Paths;

namespace RunGates.Core.Bundles;

/// <summary>
/// Reads artifact_index.json in pieces of 64 KiB straight into <see cref="CompactLedgerEntries"/> (about 60 bytes and
/// the path a file), where the whole-text parse held the text as a string, again as UTF-8, and a record with two more
/// strings per file: 520 MB for 200,000 files. It accepts only the shape RunGates writes: the known keys, each once,
/// each of its JSON type, every entry as <see cref="ArtifactIndex.FileError"/> wants it. Anything else (an unknown or
/// repeated key, a null, a syntax error, a byte order mark) is handed to <see cref="ArtifactIndex.TryParse"/> on the
/// whole text, which accepts or refuses it in its own words exactly as before: streaming never accepts what the whole
/// parse refuses, and never words a refusal differently.
/// </summary>
internal static class ArtifactIndexReader
{
    private const int BufferBytes = 1 << 16;

    /// <summary>A single token (a path) longer than this is left to the whole-text parse.</summary>
    private const int MaxBufferBytes = 1 << 24;

    public static ArtifactIndexReading Read(string path) => Read(path, keepFiles: true);

    /// <summary>
    /// The packet a valid index at <paramref name="path"/> names, or null when it names none or is no valid index:
    /// the same verdict on the index as <see cref="Read(string)"/>, without keeping its entries.
    /// </summary>
    public static string? ReadPacket(string path) => Read(path, keepFiles: false).Index?.Packet;

    private static ArtifactIndexReading Read(string path, bool keepFiles)
    {
        using (var handle = RegularFile.TryOpenRead(path, out var notRegular))
        {
            if (handle is null)
            {
                return new ArtifactIndexReading(null, notRegular, null, null);
            }

            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            if (TryStream(stream, keepFiles) is { } streamed)
            {
                return new ArtifactIndexReading(streamed, null, null, null);
            }
        }

        // Not the shape RunGates writes, or not JSON: the whole-text parser decides, with its own words and positions.
        if (RegularFileText.TryRead(path, out var problem) is not { } text)
        {
            return new ArtifactIndexReading(null, problem, null, null);
        }

        return ArtifactIndex.TryParse(text, out var index, out var error)
            ? new ArtifactIndexReading(index, null, null, null)
            : new ArtifactIndexReading(null, null, error, text);
    }

    /// <summary>The index when <paramref name="stream"/> holds one in RunGates' own shape, else null.</summary>
    internal static ArtifactIndex? TryStream(Stream stream, bool keepFiles = true)
    {
        var buffer = new byte[BufferBytes];
        var filled = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        var parser = new ArtifactIndexTokens(keepFiles);
        try
        {
            while (true)
            {
                while (!final && filled < buffer.Length)
                {
                    var read = stream.Read(buffer, filled, buffer.Length - filled);
                    final = read == 0;
                    filled += read;
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
                while (reader.Read())
                {
                    if (!parser.Take(ref reader))
                    {
                        return null;
                    }
                }

                if (final)
                {
                    return parser.Index();
                }

                var consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                if (consumed == 0)
                {
                    // One token fills the buffer: a longer one than RunGates writes is left to the whole parse.
                    if (buffer.Length >= MaxBufferBytes)
                    {
                        return null;
                    }

                    Array.Resize(ref buffer, buffer.Length * 2);
                    continue;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Malformed JSON, or a string that is not UTF-8: the whole-text parse says what is wrong.
            return null;
        }
    }
}
