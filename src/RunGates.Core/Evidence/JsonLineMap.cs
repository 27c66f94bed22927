using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// Positions for the nodes of one JSON document, computed only when someone asks. The document is kept as a compact
/// clone of its root value; <see cref="_prefix"/> holds whatever preceded the root in the file (whitespace, comments)
/// so lines and columns count from the file's first byte.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly string _file;
    private readonly byte[] _prefix;
    private JsonElement _root;
    private byte[]? _text;
    private int[]? _lineStarts;

    public JsonLineMap(string file, byte[] prefix)
    {
        _file = file;
        _prefix = prefix;
    }

    /// <summary>The root the offsets are measured from; set once, right after the document is cloned.</summary>
    public JsonElement Root
    {
        get => _root;
        set => _root = value;
    }

    /// <summary>
    /// The offset of <paramref name="element"/> in the file (BOM excluded). Every element's raw value is a slice of the
    /// root's, so the distance between the two is its place in the document.
    /// </summary>
    public int OffsetOf(JsonElement element)
    {
        var root = JsonMarshal.GetRawUtf8Value(_root);
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var distance = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(root), ref MemoryMarshal.GetReference(raw));
        return distance >= 0 && distance <= root.Length ? _prefix.Length + (int)distance : 0;
    }

    /// <summary>The 1-based position of the byte at <paramref name="offset"/>; columns count characters, not bytes.</summary>
    public SourcePosition At(int offset)
    {
        // Only failures ask for positions, so the file's text is put back together only then.
        var text = _text ??= [.. _prefix, .. JsonMarshal.GetRawUtf8Value(_root)];
        var starts = _lineStarts ??= FindLineStarts(text);
        var line = Array.BinarySearch(starts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var lineStart = starts[line];
        var column = Encoding.UTF8.GetCharCount(text.AsSpan(lineStart, Math.Min(offset, text.Length) - lineStart));
        return new SourcePosition(_file, line + 1, column + 1);
    }

    /// <summary>The 1-based position of the byte at <paramref name="offset"/> of <paramref name="text"/>, for a document that never parsed.</summary>
    public static SourcePosition At(string file, ReadOnlySpan<byte> text, int offset)
    {
        var before = text[..Math.Min(offset, text.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n');
        return new SourcePosition(file, line + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    private static int[] FindLineStarts(byte[] text)
    {
        var starts = new List<int>(64) { 0 };
        var position = 0;
        while (true)
        {
            var next = text.AsSpan(position).IndexOf((byte)'\n');
            if (next < 0)
            {
                return starts.ToArray();
            }

            position += next + 1;
            starts.Add(position);
        }
    }
}
