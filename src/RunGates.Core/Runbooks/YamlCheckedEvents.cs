using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RunGates.Core.Runbooks;

/// <summary>
/// The one bounded way RunGates reads YAML: YamlDotNet's parser events (which it produces iteratively), each checked
/// against <see cref="YamlLimits"/> before the reader sees it, with alias expansion accounted for as it happens.
/// Nesting depth, alias count, the nodes and characters aliases stand for, recursive and undefined aliases, duplicate
/// keys and a second document are all found in this one pass, in time linear in the document, so that nothing
/// recursive downstream ever meets a document deeper or larger than the limits. Any exception the parser throws,
/// YamlException or not, becomes a problem with a position.
/// </summary>
internal sealed class YamlCheckedEvents
{
    private readonly Parser _parser;
    private readonly YamlLimits _limits;
    private readonly Stack<Frame> _frames = new();
    private readonly Dictionary<string, Anchor> _anchors = new(StringComparer.Ordinal);
    private long _total;
    private long _totalCharacters;
    private long _expandedNodes;
    private long _expandedCharacters;
    private int _aliases;
    private bool _secondDocumentPending;
    private Mark _last = Mark.Empty;

    public YamlCheckedEvents(TextReader text, YamlLimits limits)
    {
        _parser = new Parser(text);
        _limits = limits;
    }

    /// <summary>The event just checked; valid after <see cref="MoveNext"/> returned true.</summary>
    public ParsingEvent Current { get; private set; } = null!;

    /// <summary>Every problem found so far, in document order; the last one ended the pass when <see cref="Stopped"/>.</summary>
    public List<YamlProblem> Problems { get; } = [];

    /// <summary>True when a syntax error or a crossed limit ended the pass: nothing after it was read.</summary>
    public bool Stopped { get; private set; }

    /// <summary>How many documents the stream has started so far.</summary>
    public int Documents { get; private set; }

    /// <summary>The next event, or false at the end of the stream or when a problem stopped the pass.</summary>
    public bool MoveNext()
    {
        if (Stopped)
        {
            return false;
        }

        ParsingEvent current;
        try
        {
            if (!_parser.MoveNext())
            {
                return false;
            }

            current = _parser.Current!;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlDotNet throws more than YamlException on malformed input (InvalidOperationException for an unclosed
            // flow sequence): whatever it throws is a syntax error of the document, never a crash of RunGates.
            return Stop(SyntaxProblem(e));
        }

        var problem = Check(current);
        _last = current.End;
        if (problem is not null)
        {
            return Stop(problem);
        }

        Current = current;
        return true;
    }

    private bool Stop(YamlProblem problem)
    {
        Problems.Add(problem);
        Stopped = true;
        return false;
    }

    private YamlProblem? Check(ParsingEvent current)
    {
        var frame = _frames.Count > 0 ? _frames.Peek() : null;
        var isKey = frame is { Keys: not null, ExpectKey: true };
        if (frame?.Keys is not null && current is not (MappingEnd or SequenceEnd))
        {
            frame.ExpectKey = !frame.ExpectKey;
        }

        if (_secondDocumentPending && current is NodeEvent)
        {
            _secondDocumentPending = false;
            Problems.Add(new YamlProblem(YamlProblemKind.SecondDocument, "", Line(current.Start), Column(current.Start)));
        }

        switch (current)
        {
            case DocumentStart:
                // Anchors belong to their document; the budgets are for the whole stream.
                _anchors.Clear();
                _secondDocumentPending = ++Documents == 2;
                return null;
            case Scalar scalar:
                _total++;
                _totalCharacters += scalar.Value.Length;
                if (isKey)
                {
                    CheckKey(frame!, scalar.Value, scalar.Start);
                }

                return scalar.Anchor.IsEmpty ? null : Define(scalar, new Anchor(Line(scalar.Start), Column(scalar.Start)) { Nodes = 1, Characters = scalar.Value.Length, Value = scalar.Value });
            case MappingStart or SequenceStart:
                var start = (NodeEvent)current;
                if (_frames.Count + 1 > _limits.MaxDepth)
                {
                    return DepthProblem(start.Start, _frames.Count + 1);
                }

                var anchor = new Anchor(Line(start.Start), Column(start.Start)) { Open = true };
                var flow = current is MappingStart { Style: MappingStyle.Flow } ? '{' : current is SequenceStart { Style: SequenceStyle.Flow } ? '[' : '\0';
                var opened = new Frame(current is MappingStart ? new Dictionary<string, (int, int)>(StringComparer.Ordinal) : null, _total, _totalCharacters, start.Anchor.IsEmpty ? null : anchor)
                {
                    Bracket = flow,
                    Line = Line(start.Start),
                    Column = Column(start.Start),
                };
                _total++;
                var defined = Define(start, anchor);
                _frames.Push(opened);
                return defined;
            case MappingEnd or SequenceEnd:
                var closed = _frames.Pop();
                var height = closed.ChildHeight + 1;
                if (_frames.Count > 0)
                {
                    _frames.Peek().Child(height);
                }

                if (closed.Anchor is { } named)
                {
                    named.Nodes = _total - closed.Total;
                    named.Characters = _totalCharacters - closed.Characters;
                    named.Height = height;
                    named.Open = false;
                }

                return null;
            case AnchorAlias alias:
                var expanded = Expand(alias, frame);
                if (expanded is null && isKey && _anchors[alias.Value.Value].Value is { } name)
                {
                    // An alias to a scalar names the same key as the scalar written out: `*k : PASS` after
                    // `status: FAIL` where k is "status" would otherwise hide the first value.
                    CheckKey(frame!, name, alias.Start);
                }

                return expanded;
            default:
                return null;
        }
    }

    private void CheckKey(Frame frame, string key, Mark at)
    {
        var position = (Line(at), Column(at));
        if (!frame.Keys!.TryAdd(key, position))
        {
            var first = frame.Keys[key];
            Problems.Add(new YamlProblem(YamlProblemKind.DuplicateKey, key, position.Item1, position.Item2) { Key = key, First = first });
        }
    }

    private YamlProblem? Define(NodeEvent node, Anchor anchor)
    {
        if (node.Anchor.IsEmpty)
        {
            return null;
        }

        var name = node.Anchor.Value;
        if (_anchors.TryGetValue(name, out var first))
        {
            // YAML lets a later anchor hide an earlier one; readers disagree on which node an alias then names, so
            // (as with a duplicate key) the document is refused rather than read one way.
            return new YamlProblem(
                YamlProblemKind.Alias,
                Invariant($"anchor &{name} is defined again (first at line {first.Line}, column {first.Column}): expected each anchor once in a document, so that every alias names one node"),
                anchor.Line,
                anchor.Column,
                "Rename one of the two anchors and the aliases that mean it.");
        }

        _anchors[name] = anchor;
        return null;
    }

    private YamlProblem? Expand(AnchorAlias alias, Frame? frame)
    {
        var (line, column) = (Line(alias.Start), Column(alias.Start));
        var name = alias.Value.Value;
        if (!_anchors.TryGetValue(name, out var anchor))
        {
            return new YamlProblem(YamlProblemKind.Alias, $"alias *{name} names no anchor: expected &{name} on a node before it in the same document", line, column, $"Define the anchor &{name} before its first use, or remove the alias.");
        }

        if (anchor.Open)
        {
            return new YamlProblem(
                YamlProblemKind.Alias,
                Invariant($"alias *{name} is inside the node it names (anchor &{name} at line {anchor.Line}, column {anchor.Column}): expected an alias to a complete node, found a recursive one, which has no finite value"),
                line,
                column,
                "Remove the alias, or move it out of the node its anchor marks.");
        }

        if (++_aliases > _limits.MaxAliases)
        {
            return LimitProblem("alias-count", $"{_limits.MaxAliases} aliases", $"at most {_limits.MaxAliases} aliases in {_limits.Named}, found more", line, column);
        }

        _expandedNodes += anchor.Nodes;
        if (_expandedNodes > _limits.MaxExpandedNodes)
        {
            return LimitProblem("alias-expansion", $"{_limits.MaxExpandedNodes} nodes", $"the aliases of {_limits.Named} to stand for at most {_limits.MaxExpandedNodes} nodes in all, found {_expandedNodes} with this one (*{name} stands for {anchor.Nodes})", line, column);
        }

        _expandedCharacters += anchor.Characters;
        if (_expandedCharacters > _limits.MaxExpandedCharacters)
        {
            return LimitProblem("alias-expansion", $"{_limits.MaxExpandedCharacters} characters", $"the aliases of {_limits.Named} to stand for at most {_limits.MaxExpandedCharacters} characters of scalars in all, found {_expandedCharacters} with this one", line, column);
        }

        if (_frames.Count + anchor.Height > _limits.MaxDepth)
        {
            return DepthProblem(alias.Start, _frames.Count + anchor.Height);
        }

        _total += anchor.Nodes;
        _totalCharacters += anchor.Characters;
        frame?.Child(anchor.Height);
        return null;
    }

    private YamlProblem DepthProblem(Mark at, int depth) =>
        LimitProblem("nesting-depth", $"{_limits.MaxDepth} levels", $"mappings and sequences nested at most {_limits.MaxDepth} deep in {_limits.Named}, found {depth} levels here", Line(at), Column(at));

    private YamlProblem LimitProblem(string limit, string value, string expected, int line, int column) =>
        new(
            YamlProblemKind.Limit,
            $"the {_limits.Subject} crosses the {limit} limit of {value} here: expected {expected}",
            line,
            column,
            "RunGates refuses documents this deep or this expanded rather than read them in part; write the document flatter, with fewer aliases.");

    private YamlProblem SyntaxProblem(Exception e)
    {
        if (e is YamlException yaml)
        {
            var reason = yaml.InnerException?.Message ?? yaml.Message;

            // YamlDotNet's Start is often the enclosing mapping; End is where it gave up, which is what a person must fix.
            var mark = yaml.End.Line > 0 ? yaml.End : yaml.Start;
            return new YamlProblem(YamlProblemKind.Syntax, TrimMark(reason), Line(mark), Column(mark));
        }

        // The innermost open flow collection is the likeliest culprit: a bracket or brace never closed.
        if (_frames.FirstOrDefault(f => f.Bracket != '\0') is { } open)
        {
            var (line, column) = (open.Line, open.Column);
            return new YamlProblem(YamlProblemKind.Syntax, Invariant($"the '{open.Bracket}' at line {line}, column {column} is never closed: expected '{(open.Bracket == '[' ? ']' : '}')}' before the end of the document"), line, column);
        }

        return new YamlProblem(YamlProblemKind.Syntax, $"the parser stopped after this point: {e.Message}", Line(_last), Column(_last));
    }

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 1) - (Line...): "; the position is shown our way instead.
    private static string TrimMark(string message)
    {
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0 ? message[(marker + 3)..] : message;
    }

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    private static int Column(Mark mark) => (int)Math.Clamp(mark.Column, 1, int.MaxValue);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A named node: where it is, whether it is still open, and what an alias to it stands for.</summary>
    private sealed record Anchor(int Line, int Column)
    {
        public bool Open { get; set; }

        public long Nodes { get; set; }

        public long Characters { get; set; }

        /// <summary>A scalar's value, which an alias used as a key names; null for a collection.</summary>
        public string? Value { get; init; }

        /// <summary>How many collection levels the node holds, itself included (0 for a scalar).</summary>
        public int Height { get; set; }
    }

    /// <summary>One open collection: its keys so far (a mapping), the counters at its start, its anchor.</summary>
    private sealed class Frame(Dictionary<string, (int Line, int Column)>? keys, long total, long characters, Anchor? anchor)
    {
        public Dictionary<string, (int Line, int Column)>? Keys { get; } = keys;

        public bool ExpectKey { get; set; } = true;

        public long Total { get; } = total;

        public long Characters { get; } = characters;

        public Anchor? Anchor { get; } = anchor;

        public int ChildHeight { get; private set; }

        /// <summary>'[' or '{' for a flow collection, '\0' for a block one.</summary>
        public char Bracket { get; init; }

        public int Line { get; init; }

        public int Column { get; init; }

        public void Child(int height) => ChildHeight = Math.Max(ChildHeight, height);
    }
}
