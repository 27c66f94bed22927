using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using RunGates.Core.Runbooks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Evidence;

/// <summary>Parses JSON (<c>.json</c>) and YAML (<c>.yml</c>, <c>.yaml</c>) evidence into <see cref="EvidenceNode"/> trees with positions.</summary>
public static class EvidenceReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <summary>The document at <paramref name="fullPath"/>; <c>Missing</c> when there is no such file, <c>Invalid</c> with the position of a parse error.</summary>
    public static EvidenceLoadResult Load(string fullPath)
    {
        var extension = Path.GetExtension(fullPath);
        try
        {
            if (extension.Equals(".yml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase))
            {
                return LoadYaml(fullPath);
            }

            if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
            {
                return LoadJson(fullPath);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Asking the file system once (open) rather than twice (exists, then open) matters over thousands of files.
            return EvidenceLoadResult.Missing(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Deleted between the check and the read: the same as never there. Unreadable: say why.
            return File.Exists(fullPath)
                ? EvidenceLoadResult.Invalid($"{fullPath} cannot be read: {e.Message}", SourcePosition.OfFile(fullPath))
                : EvidenceLoadResult.Missing(fullPath);
        }

        if (!File.Exists(fullPath))
        {
            return EvidenceLoadResult.Missing(fullPath);
        }

        return EvidenceLoadResult.Invalid(
            $"{Path.GetFileName(fullPath)} is neither JSON (.json) nor YAML (.yml, .yaml): evidence is read by its extension",
            SourcePosition.OfFile(fullPath));
    }

    /// <summary>Parses JSON text already in memory; <paramref name="file"/> names it in positions.</summary>
    public static EvidenceLoadResult ParseJson(ReadOnlySpan<byte> utf8, string file)
    {
        var buffer = utf8.ToArray();
        return ParseJson(buffer, buffer.Length, file);
    }

    private static EvidenceLoadResult LoadJson(string fullPath)
    {
        using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        if (length > int.MaxValue)
        {
            return EvidenceLoadResult.Invalid($"{fullPath} is larger than 2 GiB", SourcePosition.OfFile(fullPath));
        }

        // The file's bytes are only needed while parsing: the document keeps a compact clone, so the buffer goes back
        // to the pool and the next file reuses it instead of touching fresh memory.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return ParseJson(buffer, read, fullPath);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static EvidenceLoadResult ParseJson(byte[] buffer, int length, string file)
    {
        var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        var text = buffer.AsMemory(start, length - start);
        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
            var rawRoot = JsonMarshal.GetRawUtf8Value(document.RootElement);
            var rootOffset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(text.Span), ref MemoryMarshal.GetReference(rawRoot));
            var lines = new JsonLineMap(file, text.Span[..rootOffset].ToArray());
            // Clone: exact-size copies of the root's bytes and token table, independent of the pooled buffers.
            lines.Root = document.RootElement.Clone();
            return EvidenceLoadResult.Loaded(new EvidenceDocument(file, EvidenceNode.JsonView(lines.Root, lines)));
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return text.Span.Trim(" \t\r\n"u8).IsEmpty
                ? EvidenceLoadResult.Invalid($"{file} is empty: expected a JSON value", new SourcePosition(file, 1, 1))
                : EvidenceLoadResult.Invalid($"invalid JSON: {(cut > 0 ? message[..cut] : message)}", new SourcePosition(file, line, column));
        }
    }

    private static EvidenceLoadResult LoadYaml(string fullPath)
    {
        var stream = new YamlStream();
        try
        {
            using var text = new StreamReader(fullPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            stream.Load(text);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is YamlException nested ? nested : e;
            return EvidenceLoadResult.Invalid(
                $"invalid YAML: {inner.Message}",
                new SourcePosition(fullPath, (int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column)));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed input (an unclosed flow sequence) without a position.
            return EvidenceLoadResult.Invalid($"invalid YAML: {e.Message}", SourcePosition.OfFile(fullPath));
        }

        if (stream.Documents.Count == 0)
        {
            // An empty YAML file is a null document, as YAML defines it.
            return EvidenceLoadResult.Loaded(new EvidenceDocument(fullPath, EvidenceNode.Scalar(EvidenceNodeKind.Null, "null", () => new SourcePosition(fullPath, 1, 1))));
        }

        return EvidenceLoadResult.Loaded(new EvidenceDocument(fullPath, YamlEvidenceConverter.Convert(stream.Documents[0].RootNode, fullPath)));
    }
}
