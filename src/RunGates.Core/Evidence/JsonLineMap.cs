using System.Text;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// Turns byte offsets of a JSON document into 1-based line and column. Line starts are found once per document (a
/// vectorised scan); the bytes are kept only when the text is not ASCII, where a column counts characters, not bytes.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly string _file;
    private readonly int[] _lineStarts;
    private readonly byte[]? _text;
    private readonly int _textStart;

    public JsonLineMap(string file, byte[] buffer, int start, int length)
    {
        _file = file;
        var text = buffer.AsSpan(start, length);
        var starts = new List<int>(64) { 0 };
        var position = 0;
        while (true)
        {
            var next = text[position..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            position += next + 1;
            starts.Add(position);
        }

        _lineStarts = starts.ToArray();
        if (!Ascii.IsValid(text))
        {
            _text = buffer;
            _textStart = start;
        }
    }

    /// <summary>The position of the byte at <paramref name="offset"/> (relative to the start of the JSON text).</summary>
    public SourcePosition At(int offset)
    {
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var lineStart = _lineStarts[line];
        var column = _text is null ? offset - lineStart : Encoding.UTF8.GetCharCount(_text.AsSpan(_textStart + lineStart, offset - lineStart));
        return new SourcePosition(_file, line + 1, column + 1);
    }
}
