using System.Buffers;
using System.Text;
using System.Text.Json;
using RunGates.Core.Diagnostics;
using RunGates.Core.Paths;

namespace RunGates.Core.Bundles;

/// <summary>
/// Reads <c>status.jsonl</c>, the append-only record of invalidations, strictly: a log that cannot be read never reads
/// as "no invalidations", since the line that cannot be read may be the invalidation of the very bundle being
/// promoted. Every line must be one JSON object with a <c>run_id</c> and an <c>action</c> (blank lines carry nothing
/// and are skipped); anything else, a line longer than <see cref="MaxLineBytes"/>, a file that is not a regular file
/// (a FIFO is refused, never waited on) or one that cannot be opened is RG4032 at its line and column, and every
/// reader (bundle validate, list, invalidate, promote, a commit's LATEST, <c>bundle:</c> references, <c>reproducible:</c>)
/// refuses. A last line without its newline counts when it is a whole entry; a partial one (an append cut short) is
/// refused like any other, so no crash can turn an invalidation into nothing.
/// </summary>
internal static class BundleStatusLog
{
    /// <summary>Far above any entry RunGates writes (a reason of a few lines); a longer line is no entry, and reading stays bounded.</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>The entries of the log at <paramref name="path"/>, in order; none when there is no log. Throws RG4032 when it cannot be read.</summary>
    public static IReadOnlyList<BundleStatusEntry> Read(string path)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle? handle;
        string? notRegular;
        try
        {
            handle = RegularFile.TryOpenRead(path, out notRegular);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, 0, 0, $"{BundleFiles.Status} beside the bundles cannot be opened ({e.Message})");
        }

        if (handle is null)
        {
            throw Unreadable(path, 0, 0, $"expected {BundleFiles.Status} beside the bundles to be a regular file; it {notRegular}, refused, not read");
        }

        using (handle)
        using (var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0))
        {
            try
            {
                return ReadLines(stream, path);
            }
            catch (IOException e)
            {
                throw Unreadable(path, 0, 0, $"{BundleFiles.Status} beside the bundles could not be read to its end ({e.Message})");
            }
        }
    }

    private static List<BundleStatusEntry> ReadLines(Stream stream, string path)
    {
        var entries = new List<BundleStatusEntry>();
        var line = new ArrayBufferWriter<byte>(256);
        var buffer = new byte[64 * 1024];
        var number = 1;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            while (chunk.Length > 0)
            {
                var end = chunk.IndexOf((byte)'\n');
                var part = end < 0 ? chunk : chunk[..end];
                if (line.WrittenCount + part.Length > MaxLineBytes)
                {
                    throw Unreadable(path, number, 1, $"line {number} of {BundleFiles.Status} is longer than {MaxLineBytes / (1 << 20)} MiB; expected one status entry, a few hundred bytes");
                }

                line.Write(part);
                if (end < 0)
                {
                    break;
                }

                Add(entries, line.WrittenSpan, path, number, terminated: true);
                line.Clear();
                number++;
                chunk = chunk[(end + 1)..];
            }
        }

        if (line.WrittenCount > 0)
        {
            Add(entries, line.WrittenSpan, path, number, terminated: false);
        }

        return entries;
    }

    private static void Add(List<BundleStatusEntry> entries, ReadOnlySpan<byte> line, string path, int number, bool terminated)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return;
        }

        // Said of a last line without its newline, so a user sees why a crash mid-append ends here.
        var cut = terminated ? "" : " (it is the last line and has no newline: an append cut short?)";
        // Anything but an object is said by its kind, before a deserializer's words (or its depth limit) say it less plainly.
        var first = line.TrimStart(" \t"u8)[0];
        if (first != (byte)'{')
        {
            var kind = first switch { (byte)'[' => "an array", (byte)'"' => "a string", _ => "no JSON object" };
            throw Unreadable(path, number, line.Length - line.TrimStart(" \t"u8).Length + 1, $"line {number} of {BundleFiles.Status} is not a status entry{cut}: expected a JSON object with run_id and action, found {kind}");
        }

        BundleStatusEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(line, BundleJson.TypeInfo<BundleStatusEntry>());
        }
        catch (JsonException e)
        {
            throw Unreadable(path, number, BundleJsonError.Column(e), $"line {number} of {BundleFiles.Status} is not a status entry{cut}: expected a JSON object with run_id and action, found JSON that does not parse ({BundleJsonError.Reason(e)})");
        }

        if (entry is not { RunId: { Length: > 0 }, Action: { Length: > 0 } })
        {
            throw Unreadable(path, number, 1, $"line {number} of {BundleFiles.Status} is not a status entry{cut}: expected a JSON object with run_id and action, found {(entry is null ? "null" : "an object without them")}");
        }

        entries.Add(entry);
    }

    private static BundleException Unreadable(string path, int line, int column, string message) =>
        new(DiagnosticCatalog.StatusLogUnreadable, message + "; every reader refuses the log until it is repaired, since what cannot be read may be an invalidation")
        {
            File = path,
            Line = line,
            Column = column,
        };
}
