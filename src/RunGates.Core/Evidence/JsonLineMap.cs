using System.Text;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// A JSON document's UTF-8 text, kept so that positions are computed only when someone asks: line starts are found
/// on the first position requested.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly string _file;
    private int[]? _lineStarts;

    public JsonLineMap(string file, byte[] text)
    {
        _file = file;
        Text = text;
    }

    /// <summary>The document's text without a byte order mark; offsets are relative to it.</summary>
    public byte[] Text { get; }

    /// <summary>The 1-based position of the byte at <paramref name="offset"/>; columns count characters, not bytes.</summary>
    public SourcePosition At(int offset)
    {
        var starts = _lineStarts ??= FindLineStarts(Text);
        var line = Array.BinarySearch(starts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var lineStart = starts[line];
        var column = Encoding.UTF8.GetCharCount(Text.AsSpan(lineStart, offset - lineStart));
        return new SourcePosition(_file, line + 1, column + 1);
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
