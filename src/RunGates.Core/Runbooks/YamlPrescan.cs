using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RunGates.Core.Runbooks;

/// <summary>
/// Walks the parser's events once before the document is loaded, to report every duplicate key (YamlDotNet's
/// representation model stops at the first) and the syntax error, if any, at its line and column.
/// </summary>
internal static class YamlPrescan
{
    public static void Scan(string text, Func<int, int, SourcePosition> at, List<RunbookError> errors)
    {
        // One frame per open collection: for a mapping, the keys seen so far and whether the next node is a key.
        var frames = new Stack<Frame>();
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var frame = frames.Count > 0 ? frames.Peek() : null;
                var isKey = frame is { Keys: not null, ExpectKey: true };
                if (frame?.Keys is not null && current is not (MappingEnd or SequenceEnd))
                {
                    frame.ExpectKey = !frame.ExpectKey;
                }

                switch (current)
                {
                    case Scalar scalar when isKey:
                        var position = at((int)scalar.Start.Line, (int)scalar.Start.Column);
                        if (frame!.Keys!.TryGetValue(scalar.Value, out var first))
                        {
                            errors.Add(new RunbookError(
                                Diagnostics.DiagnosticCatalog.YamlSyntax,
                                $"duplicate key '{scalar.Value}': expected each key once in a mapping, found it again (first at line {first.Line}, column {first.Column})",
                                position,
                                "Remove one of the two, or merge them."));
                        }
                        else
                        {
                            frame.Keys[scalar.Value] = position;
                        }

                        break;
                    case MappingStart:
                        frames.Push(new Frame(new Dictionary<string, SourcePosition>(StringComparer.Ordinal)));
                        break;
                    case SequenceStart:
                        frames.Push(new Frame(null));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.Pop();
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;

            // YamlDotNet's Start is often the enclosing mapping; End is where it gave up, which is what a person must fix.
            var mark = e.End.Line > 0 ? e.End : e.Start;
            var (line, column) = ((int)mark.Line, (int)mark.Column);
            if (reason.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text) is { } tab)
            {
                // YamlDotNet reports a tab indent at the mapping's start; point at the tab itself.
                (line, column) = tab;
            }

            errors.Add(new RunbookError(
                Diagnostics.DiagnosticCatalog.YamlSyntax,
                $"expected well-formed YAML, found a syntax error: {TrimMark(reason)}",
                at(Math.Max(1, line), Math.Max(1, column)),
                "Check the indentation (spaces, not tabs) and that quotes and brackets are closed."));
        }
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 1) - (Line...): "; the position is shown our way instead.
    private static string TrimMark(string message)
    {
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0 ? message[(marker + 3)..] : message;
    }

    private sealed class Frame(Dictionary<string, SourcePosition>? keys)
    {
        public Dictionary<string, SourcePosition>? Keys { get; } = keys;

        public bool ExpectKey { get; set; } = true;
    }
}
