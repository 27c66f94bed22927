using System.Globalization;
using System.Text;

namespace RunGates.Core.Evidence;

/// <summary>
/// A path into a document: dotted (<c>a.b[0].c</c>, where <c>[*]</c> selects every element and a filter
/// <c>[?EXPR]</c> the elements for which EXPR holds, <see cref="FilterParser"/>, and a last step <c>.*~</c> the keys of an
/// object) or a JSON Pointer when it starts with <c>/</c> (<c>/a/b/0/c</c>, with <c>~0</c> and <c>~1</c> escapes).
/// </summary>
public sealed class DocumentPath
{
    private DocumentPath(string text, IReadOnlyList<DocumentPathSegment> segments)
    {
        Text = text;
        Segments = segments;
        UsesOuter = segments.Any(s => s.Filter?.UsesOuter == true);
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    public IReadOnlyList<DocumentPathSegment> Segments { get; }

    /// <summary>Whether a <c>[*]</c> or a filter selects many values somewhere along the path.</summary>
    public bool HasWildcard => Segments.Any(s => s.IsWildcard);

    /// <summary>Whether the last step selects many values (<c>[*]</c>, a filter or <c>*~</c>), so <c>count</c> counts the selection.</summary>
    public bool EndsInSelection => Segments.Count > 0 && Segments[^1].IsWildcard;

    /// <summary>Whether a filter along the path compares with <c>^</c>, the outer element (allowed only in a REF's path).</summary>
    public bool UsesOuter { get; }

    public static DocumentPath Root { get; } = new("", []);

    /// <summary>
    /// The path without its last step (what a final selection selects from), or null for the root. Its text is the
    /// written path's, which only messages use.
    /// </summary>
    public DocumentPath? Parent() => Segments.Count == 0 ? null : new DocumentPath(Text, Segments.Take(Segments.Count - 1).ToArray());

    public override string ToString() => Text;

    /// <summary>Parses a dotted path or a JSON Pointer, or says what is wrong with it.</summary>
    public static bool TryParse(string text, out DocumentPath path, out string error)
    {
        path = Root;
        error = "";
        if (text.Length == 0)
        {
            error = "a path cannot be empty";
            return false;
        }

        var segments = text[0] == '/' ? ParsePointer(text, out error) : ParseDotted(text, out error);
        if (segments is null)
        {
            return false;
        }

        // A key is a string: nothing lies below it, so '*~' ends the path (JSONPath-Plus writes the keys of $.a as $.a.*~).
        var keys = segments.FindIndex(s => s.IsKeys);
        if (keys >= 0 && keys != segments.Count - 1)
        {
            error = "'*~' selects the keys of an object and must be the last step of the path";
            return false;
        }

        path = new DocumentPath(text, segments);
        return true;
    }

    public static DocumentPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException($"'{text}' is not a document path: {error}.");

    private static List<DocumentPathSegment>? ParsePointer(string text, out string error)
    {
        error = "";
        var segments = new List<DocumentPathSegment>();
        foreach (var raw in text[1..].Split('/'))
        {
            if (raw.Replace("~0", "", StringComparison.Ordinal).Replace("~1", "", StringComparison.Ordinal).Contains('~', StringComparison.Ordinal))
            {
                error = $"'~' must be followed by 0 or 1 in the JSON Pointer segment '{raw}'";
                return null;
            }

            var name = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

            // A pointer segment names a property or, on an array, an index; resolution decides which.
            segments.Add(DocumentPathSegment.Property(name));
        }

        return segments;
    }

    private static List<DocumentPathSegment>? ParseDotted(string text, out string error)
    {
        error = "";
        var segments = new List<DocumentPathSegment>();
        var name = new StringBuilder();
        var i = 0;
        var expectName = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '.')
            {
                if (name.Length == 0 && expectName)
                {
                    error = $"empty name at position {i + 1}";
                    return null;
                }

                FlushName();
                expectName = true;
                i++;
            }
            else if (c == '[')
            {
                FlushName();
                var close = i + 1 < text.Length && text[i + 1] == '?' ? FilterEnd(text, i) : text.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"'[' at position {i + 1} is not closed";
                    return null;
                }

                var inside = text[(i + 1)..close];
                if (inside.StartsWith('?'))
                {
                    if (!FilterParser.TryParse(inside[1..], out var filter, out var filterError))
                    {
                        error = $"'[{inside}]': {filterError}";
                        return null;
                    }

                    segments.Add(DocumentPathSegment.Filtered(filter));
                }
                else if (inside == "*")
                {
                    segments.Add(DocumentPathSegment.Every);
                }
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(DocumentPathSegment.Element(index));
                }
                else
                {
                    error = $"'[{inside}]' is neither an index, [*] nor a filter [?...]";
                    return null;
                }

                i = close + 1;
                expectName = false;
                if (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    error = $"expected '.' or '[' after ']' at position {i + 1}";
                    return null;
                }
            }
            else if (c == ']')
            {
                error = $"unexpected ']' at position {i + 1}";
                return null;
            }
            else
            {
                name.Append(c);
                i++;
            }
        }

        if (expectName && name.Length == 0)
        {
            error = "the path ends with '.'";
            return null;
        }

        FlushName();
        return segments;

        void FlushName()
        {
            if (name.Length > 0)
            {
                segments.Add(name.Length == 2 && name[0] == '*' && name[1] == '~' ? DocumentPathSegment.Keys : DocumentPathSegment.Property(name.ToString()));
                name.Clear();
            }
        }
    }

    // The ']' closing the filter that opens at 'open': brackets nest, and quoted text is skipped.
    private static int FilterEnd(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var close = text.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return -1;
                }

                i = close;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
