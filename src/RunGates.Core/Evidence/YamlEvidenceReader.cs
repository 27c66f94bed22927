using System.Text;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RunGates.Core.Evidence;

/// <summary>
/// Reads a YAML evidence file through the one bounded YAML path: at most one byte past the evidence size limit is
/// read, line length is checked on the bytes, and the tree is built straight from <see cref="YamlCheckedEvents"/>
/// with an explicit stack, so a file over any of <see cref="YamlLimits.Evidence"/> is an invalid document naming the
/// limit and where it was crossed (the check reading it fails), never a crash, a hang or the end of the run.
/// </summary>
public static class YamlEvidenceReader
{
    /// <summary>The document at <paramref name="fullPath"/>: missing, invalid with a position, or loaded.</summary>
    public static EvidenceLoadResult Load(string fullPath)
    {
        byte[] bytes;
        int length;
        try
        {
            using var handle = RegularFile.TryOpenRead(fullPath, out var problem);
            if (handle is null)
            {
                return EvidenceLoadResult.NotRegular(fullPath, problem);
            }

            (bytes, length) = YamlTextLimits.ReadBounded(handle, YamlLimits.Evidence);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return EvidenceLoadResult.Unreadable(fullPath, e);
        }

        return Parse(bytes.AsSpan(0, length), fullPath);
    }

    /// <summary>Parses YAML bytes already in memory (whole, or one byte past the limit); <paramref name="file"/> names it in positions.</summary>
    public static EvidenceLoadResult Parse(ReadOnlySpan<byte> utf8, string file)
    {
        if (YamlTextLimits.Check(utf8, YamlLimits.Evidence) is { } crossed)
        {
            return Invalid(crossed, file, 1);
        }

        if (NulPosition(utf8) is { } nul)
        {
            return EvidenceLoadResult.Invalid("a NUL character (U+0000): YAML allows none in a document, and the parser would stop reading there and ignore the rest; expected text",
                new SourcePosition(file, nul.Line, nul.Column));
        }

        using var text = new StreamReader(new MemoryStream(utf8.ToArray(), writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var events = new YamlCheckedEvents(text, YamlLimits.Evidence);
        var root = Build(events, file);
        if (events.Problems.Count > 0)
        {
            var first = events.Problems[0];
            if (first.Kind == YamlProblemKind.SecondDocument)
            {
                // Say how many documents there are: the rest are only counted, still within the limits.
                while (events.MoveNext())
                {
                }
            }

            return Invalid(events.Problems[0], file, events.Documents);
        }

        // An empty YAML file is a null document, as YAML defines it.
        return EvidenceLoadResult.Loaded(new EvidenceDocument(file, root ?? EvidenceNode.Scalar(EvidenceNodeKind.Null, "null", () => new SourcePosition(file, 1, 1))));
    }

    /// <summary>
    /// Where the first NUL character is (1-based line and column in characters), or null when there is none. YamlDotNet
    /// reads a NUL as the end of the stream, so the text after it would be silently ignored; UTF-16 and UTF-32 text
    /// (with their byte order mark) is decoded first, since their NUL bytes are part of other characters.
    /// </summary>
    private static (int Line, int Column)? NulPosition(ReadOnlySpan<byte> bytes)
    {
        var wide = bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]);
        if (!wide && bytes.IndexOf((byte)0) < 0)
        {
            return null;
        }

        using var reader = new StreamReader(new MemoryStream(bytes.ToArray(), writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        var at = text.IndexOf('\0', StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
        var line = 1 + text.AsSpan(0, lineStart).Count('\n');
        return (line, at - lineStart + 1);
    }

    private static EvidenceLoadResult Invalid(YamlProblem problem, string file, int documents)
    {
        var message = problem.Kind switch
        {
            YamlProblemKind.DuplicateKey => $"duplicate key '{problem.Key}': expected each key once in a mapping, as the last value would hide the first",
            YamlProblemKind.SecondDocument => $"a second YAML document starts here: expected one document per evidence file, found {documents}",
            YamlProblemKind.Syntax => $"invalid YAML: {problem.Message}",
            _ => problem.Message,
        };
        return EvidenceLoadResult.Invalid(message, new SourcePosition(file, problem.Line, problem.Column));
    }

    /// <summary>The first document's root, built from the checked events; stops at the first problem.</summary>
    private static EvidenceNode? Build(YamlCheckedEvents events, string file)
    {
        var frames = new Stack<Frame>();
        var anchors = new Dictionary<string, EvidenceNode>(StringComparer.Ordinal);

        // A key is named by the scalar as written (0x1F stays "0x1F"), also when an alias stands for it.
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        EvidenceNode? root = null;
        while (events.Problems.Count == 0 && events.MoveNext())
        {
            var current = events.Current;
            EvidenceNode? done = null;
            switch (current)
            {
                case DocumentStart:
                    anchors.Clear();
                    written.Clear();
                    continue;
                case Scalar key when frames.TryPeek(out var parent) && parent.ExpectsKey:
                    parent.Key(key.Value);
                    if (!key.Anchor.IsEmpty)
                    {
                        written[key.Anchor.Value] = key.Value;
                        anchors[key.Anchor.Value] = ScalarNode(key, file);
                    }

                    continue;
                case AnchorAlias alias when frames.TryPeek(out var parent) && parent.ExpectsKey && written.TryGetValue(alias.Value.Value, out var name):
                    parent.Key(name);
                    continue;
                case Scalar scalar:
                    done = ScalarNode(scalar, file);
                    Remember(anchors, scalar, done);
                    if (!scalar.Anchor.IsEmpty)
                    {
                        written[scalar.Anchor.Value] = scalar.Value;
                    }

                    break;
                case MappingStart or SequenceStart:
                    frames.Push(new Frame((NodeEvent)current, current is MappingStart, At(file, current.Start)));
                    continue;
                case MappingEnd or SequenceEnd:
                    var frame = frames.Pop();
                    done = frame.Build();
                    Remember(anchors, frame.Start, done);
                    break;
                case AnchorAlias alias:
                    // The checked events refused aliases to nothing, to an open node, and past the expansion limits;
                    // the aliased node is shared rather than copied.
                    done = anchors[alias.Value.Value];
                    break;
                default:
                    continue;
            }

            if (frames.Count == 0)
            {
                root ??= done;
            }
            else
            {
                frames.Peek().Add(done);
            }
        }

        return events.Problems.Count == 0 ? root : null;
    }

    private static EvidenceNode ScalarNode(Scalar scalar, string file)
    {
        var (kind, text) = YamlEvidenceConverter.Classify(scalar.Value, scalar.Style, scalar.Tag);
        return EvidenceNode.Scalar(kind, text, At(file, scalar.Start));
    }

    private static void Remember(Dictionary<string, EvidenceNode> anchors, NodeEvent node, EvidenceNode built)
    {
        if (!node.Anchor.IsEmpty)
        {
            anchors[node.Anchor.Value] = built;
        }
    }

    private static Func<SourcePosition> At(string file, Mark mark)
    {
        var (line, column) = ((int)mark.Line, (int)mark.Column);
        return () => new SourcePosition(file, line, column);
    }

    /// <summary>An open mapping or sequence; a mapping takes its children as key, value, key, value.</summary>
    private sealed class Frame(NodeEvent start, bool mapping, Func<SourcePosition> at)
    {
        private readonly List<KeyValuePair<string, EvidenceNode>> _properties = [];
        private readonly List<EvidenceNode> _items = [];
        private string? _key;

        public NodeEvent Start { get; } = start;

        public bool ExpectsKey => mapping && _key is null;

        public void Key(string name) => _key = name;

        public void Add(EvidenceNode node)
        {
            if (!mapping)
            {
                _items.Add(node);
            }
            else if (_key is null)
            {
                // A key that is a mapping or sequence has no name a document path could use: it is named by its shape.
                _key = Describe(node);
            }
            else
            {
                _properties.Add(new(_key, node));
                _key = null;
            }
        }

        public EvidenceNode Build() => mapping ? EvidenceNode.Object(_properties, at) : EvidenceNode.Array(_items.ToArray(), at);

        private static string Describe(EvidenceNode node) => node.Kind == EvidenceNodeKind.Object ? "{...}" : "[...]";
    }
}
