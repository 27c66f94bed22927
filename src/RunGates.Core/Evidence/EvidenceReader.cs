using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>Parses JSON (<c>.json</c>) and YAML (<c>.yml</c>, <c>.yaml</c>) evidence into <see cref="EvidenceNode"/> trees with positions.</summary>
public static class EvidenceReader
{
    /// <summary>
    /// The deepest nesting of arrays and objects a JSON evidence document may have. System.Text.Json's parser is not
    /// recursive, but the walks over the document are; 256 is far beyond any real report and far from the stack's limit.
    /// </summary>
    public const int MaxJsonDepth = 256;

    /// <summary>
    /// The largest JSON evidence document read, in bytes (256 MiB): the whole file is parsed in memory, so a larger
    /// one is a failed check naming the limit rather than an out-of-memory end of the run.
    /// </summary>
    public const long MaxJsonBytes = 256L * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxJsonDepth };

    /// <summary>The document at <paramref name="fullPath"/>; <c>Missing</c> when there is no such file, <c>Invalid</c> with the position of a parse error.</summary>
    /// <remarks>The document is independent of any buffer and may be kept; <see cref="Read"/> is cheaper for one pass.</remarks>
    public static EvidenceLoadResult Load(string fullPath)
    {
        if (IsJson(fullPath))
        {
            return ReadJson(fullPath, use: null);
        }

        var extension = Path.GetExtension(fullPath);
        if (extension.Equals(".yml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return YamlEvidenceReader.Load(fullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return EvidenceLoadResult.Unreadable(fullPath, e);
            }
        }

        if (!File.Exists(fullPath))
        {
            return EvidenceLoadResult.Missing(fullPath);
        }

        return EvidenceLoadResult.Invalid(
            $"{Path.GetFileName(fullPath)} is neither JSON (.json) nor YAML (.yml, .yaml): evidence is read by its extension",
            SourcePosition.OfFile(fullPath));
    }

    /// <summary>
    /// Hands the document at <paramref name="fullPath"/> (or why it could not be read, as <see cref="Load"/> says) to
    /// <paramref name="use"/>, for that call only: a JSON document stays in pooled buffers, which go back to the pool
    /// when <paramref name="use"/> returns, so a pass over thousands of files allocates almost nothing per file.
    /// </summary>
    public static void Read(string fullPath, Action<EvidenceLoadResult> use)
    {
        if (IsJson(fullPath))
        {
            ReadJson(fullPath, use);
        }
        else
        {
            use(Load(fullPath));
        }
    }

    /// <summary>
    /// Whether <see cref="ReadUnlessLink"/> can read <paramref name="fullPath"/>: a JSON document on a system whose open
    /// can refuse a link in the file's own name (Linux, O_NOFOLLOW). Elsewhere the caller resolves links first.
    /// </summary>
    public static bool CanReadUnlessLink(string fullPath) => IsJson(fullPath) && RegularFile.CanOpenWithoutFollowing;

    /// <summary>
    /// As <see cref="Read"/>, for a file whose folders are known to stay inside their root: the file is opened with
    /// O_NOFOLLOW, so its own name is checked by the open that reads it, with no lstat before. Returns false, with
    /// nothing read and <paramref name="use"/> not called, when the name is a symbolic link: the caller checks where
    /// it leads and then reads it with <see cref="Read"/>. Only where <see cref="CanReadUnlessLink"/>.
    /// </summary>
    public static bool ReadUnlessLink(string fullPath, Action<EvidenceLoadResult> use)
    {
        if (!CanReadUnlessLink(fullPath))
        {
            return false;
        }

        if (TryReadPooled(fullPath, followLink: false, out var buffer, out var length, out var isLink) is { } failure)
        {
            use(failure);
            return true;
        }

        if (isLink)
        {
            return false;
        }

        try
        {
            ParseJson(buffer, length, fullPath, use);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// As <see cref="Load"/> for a file known to be JSON whatever its extension (a <c>format: json</c> digest index):
    /// read through the same regular-file open, so a FIFO or device is refused, never waited on.
    /// </summary>
    public static EvidenceLoadResult LoadJson(string fullPath) => ReadJson(fullPath, use: null);

    /// <summary>Parses JSON text already in memory; <paramref name="file"/> names it in positions.</summary>
    public static EvidenceLoadResult ParseJson(ReadOnlySpan<byte> utf8, string file)
    {
        var buffer = utf8.ToArray();
        return ParseJson(buffer, buffer.Length, file);
    }

    private static bool IsJson(string fullPath) => Path.GetExtension(fullPath.AsSpan()).Equals(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and parses; with <paramref name="use"/> the document is lent to it, without, a kept clone is returned.</summary>
    private static EvidenceLoadResult ReadJson(string fullPath, Action<EvidenceLoadResult>? use)
    {
        if (TryReadPooled(fullPath, followLink: true, out var buffer, out var length, out _) is { } failure)
        {
            use?.Invoke(failure);
            return failure;
        }

        try
        {
            return ParseJson(buffer, length, fullPath, use);
        }
        finally
        {
            // The file's bytes are only needed while parsing (or while lent): the next file reuses the buffer instead
            // of touching fresh memory.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The whole file in a pooled buffer, or why not (missing, unreadable, too large). With <paramref name="followLink"/>
    /// false (Linux only) a name that is itself a symbolic link is not opened: null, no buffer, <paramref name="isLink"/> set.
    /// </summary>
    private static EvidenceLoadResult? TryReadPooled(string fullPath, bool followLink, out byte[] buffer, out int length, out bool isLink)
    {
        buffer = [];
        length = 0;
        isLink = false;
        try
        {
            return RegularFile.CanOpenWithoutFollowing
                ? ReadDescriptor(fullPath, followLink, ref buffer, ref length, out isLink)
                : ReadHandle(fullPath, ref buffer, ref length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = [];
            }

            return EvidenceLoadResult.Unreadable(fullPath, e);
        }
    }

    // Linux: open, statx (type and size), pread until the size is read, close; nothing else per file.
    private static EvidenceLoadResult? ReadDescriptor(string fullPath, bool followLink, ref byte[] buffer, ref int length, out bool isLink)
    {
        var descriptor = RegularFile.OpenDescriptor(fullPath, followLink, out var size, out var problem, out isLink);
        if (descriptor < 0)
        {
            // A FIFO, device, socket, folder or /proc file: refused without reading (or blocking on) a byte. A link: not opened.
            return isLink ? null : EvidenceLoadResult.NotRegular(fullPath, problem);
        }

        try
        {
            if (size < 0)
            {
                // statx could not say (it does not fail on an open descriptor in practice): ask the descriptor's end.
                using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(descriptor, ownsHandle: false);
                size = RandomAccess.GetLength(handle);
            }

            if (TooLarge(fullPath, size) is { } tooLarge)
            {
                return tooLarge;
            }

            buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, 1));
            while (length < size)
            {
                var n = RegularFile.ReadAt(descriptor, buffer.AsSpan(length, (int)size - length), length);
                if (n < 0)
                {
                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{fullPath} could not be read (errno {Marshal.GetLastPInvokeError()})"));
                }

                if (n == 0)
                {
                    break;
                }

                length += n;
            }

            return null;
        }
        finally
        {
            _ = Ledgers.LinuxFile.Close(descriptor);
        }
    }

    private static EvidenceLoadResult? ReadHandle(string fullPath, ref byte[] buffer, ref int length)
    {
        using var handle = RegularFile.TryOpenRead(fullPath, out var problem);
        if (handle is null)
        {
            // A FIFO, device, socket or folder: refused without reading (or blocking on) a byte.
            return EvidenceLoadResult.NotRegular(fullPath, problem);
        }

        var size = RandomAccess.GetLength(handle);
        if (TooLarge(fullPath, size) is { } tooLarge)
        {
            return tooLarge;
        }

        buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, 1));
        while (length < size)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length);
            if (n == 0)
            {
                break;
            }

            length += n;
        }

        return null;
    }

    private static EvidenceLoadResult? TooLarge(string fullPath, long size) => size > MaxJsonBytes
        ? EvidenceLoadResult.Invalid(
            string.Create(CultureInfo.InvariantCulture, $"{fullPath} holds {size} bytes: expected a JSON document of at most {MaxJsonBytes} bytes (256 MiB), the limit for JSON evidence"),
            SourcePosition.OfFile(fullPath))
        : null;

    private static EvidenceLoadResult ParseJson(byte[] buffer, int length, string file, Action<EvidenceLoadResult>? use = null)
    {
        var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        var text = buffer.AsMemory(start, length - start);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            var invalid = text.Span.Trim(" \t\r\n"u8).IsEmpty
                ? EvidenceLoadResult.Invalid($"{file} is empty: expected a JSON value", new SourcePosition(file, 1, 1))
                : TooDeep(text.Span, file) ?? EvidenceLoadResult.Invalid($"invalid JSON: {(cut > 0 ? message[..cut] : message)}", new SourcePosition(file, line, column));
            use?.Invoke(invalid);
            return invalid;
        }

        using (document)
        {
            var rawRoot = JsonMarshal.GetRawUtf8Value(document.RootElement);
            var rootOffset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(text.Span), ref MemoryMarshal.GetReference(rawRoot));
            var lines = new JsonLineMap(file, rootOffset == 0 ? [] : text.Span[..rootOffset].ToArray());
            if (JsonDuplicateKeys.Find(document.RootElement) is var (key, first, again))
            {
                lines.Root = document.RootElement;
                var at = lines.At(rootOffset + first);
                var duplicate = EvidenceLoadResult.Invalid(
                    $"duplicate key '{key}' (first at line {at.Line}, column {at.Column}): expected each key once in an object, as the last value would hide the first",
                    lines.At(rootOffset + again));
                use?.Invoke(duplicate);
                return duplicate;
            }

            if (use is null)
            {
                // Kept: exact-size copies of the root's bytes and token table, independent of the pooled buffers.
                lines.Root = document.RootElement.Clone();
                return EvidenceLoadResult.Loaded(new EvidenceDocument(file, EvidenceNode.JsonView(lines.Root, lines)));
            }

            // Lent: the views point into the pooled buffers, valid until this call returns.
            lines.Root = document.RootElement;
            var lent = EvidenceLoadResult.Loaded(new EvidenceDocument(file, EvidenceNode.JsonView(lines.Root, lines)));
            use(lent);
            return lent;
        }
    }

    /// <summary>
    /// When the parse failed because nesting went past <see cref="MaxJsonDepth"/>, that failure with the position of the
    /// bracket that went too deep; null when the document is invalid for another reason. Only asked after a failed
    /// parse: the reader walks tokens with a flat stack, so even a document nested a million deep costs one linear pass.
    /// </summary>
    private static EvidenceLoadResult? TooDeep(ReadOnlySpan<byte> utf8, string file)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxJsonDepth)
                {
                    var at = JsonLineMap.At(file, utf8, (int)reader.TokenStartIndex);
                    return EvidenceLoadResult.Invalid(
                        string.Create(CultureInfo.InvariantCulture, $"arrays and objects nest deeper than {MaxJsonDepth} levels here: expected at most {MaxJsonDepth}, the limit for JSON evidence"),
                        at);
                }
            }
        }
        catch (JsonException)
        {
            // Invalid before it was too deep: the parser's own message says why.
        }

        return null;
    }
}
