using System.Globalization;
using System.Text.RegularExpressions;
using RunGates.Core.Runbooks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Evidence;

/// <summary>
/// Turns YamlDotNet nodes into <see cref="EvidenceNode"/>s, typing plain scalars by the YAML 1.2 core schema
/// (null, booleans, integers, floats); quoted scalars and <c>!!str</c> are always strings. Evidence files are built
/// from parser events by <see cref="YamlEvidenceReader"/>; this converts values written in a runbook.
/// </summary>
public static partial class YamlEvidenceConverter
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>
    /// The tree under <paramref name="node"/>, built with an explicit stack: a document's depth costs heap, never the
    /// call stack. The node must come from a document <see cref="YamlCheckedEvents"/> passed (the runbook's), which
    /// bounds what its aliases stand for; an alias is converted once per use.
    /// </summary>
    public static EvidenceNode Convert(YamlNode node, string file)
    {
        // Each frame is a collection whose children are converted in order; a finished child is handed to its parent.
        var frames = new Stack<Frame>();
        EvidenceNode? done = Leaf(node, file, frames);
        while (frames.Count > 0)
        {
            var frame = frames.Peek();
            if (done is not null)
            {
                frame.Add(done);
                done = null;
            }

            if (frame.Next() is { } child)
            {
                done = Leaf(child, file, frames);
                continue;
            }

            frames.Pop();
            done = frame.Build();
        }

        return done!;
    }

    /// <summary>A scalar's node; for a collection, null after pushing its frame.</summary>
    private static EvidenceNode? Leaf(YamlNode node, string file, Stack<Frame> frames)
    {
        var position = new SourcePosition(file, (int)node.Start.Line, (int)node.Start.Column);
        Func<SourcePosition> at = () => position;
        switch (node)
        {
            case YamlMappingNode mapping:
                frames.Push(new Frame(at, mapping.Children.ToArray(), null));
                return null;
            case YamlSequenceNode sequence:
                frames.Push(new Frame(at, null, sequence.Children.ToArray()));
                return null;
            case YamlScalarNode scalar:
                var (kind, text) = Classify(scalar);
                return EvidenceNode.Scalar(kind, text, at);
            default:
                return EvidenceNode.Scalar(EvidenceNodeKind.String, node.ToString(), at);
        }
    }

    /// <summary>The kind and canonical text of a scalar: numbers in decimal, booleans as <c>true</c>/<c>false</c>.</summary>
    public static (EvidenceNodeKind Kind, string Text) Classify(YamlScalarNode scalar) => Classify(scalar.Value ?? "", scalar.Style, scalar.Tag);

    /// <summary>The kind and canonical text of a scalar read as parser events: its value, style and tag.</summary>
    internal static (EvidenceNodeKind Kind, string Text) Classify(string value, ScalarStyle style, TagName tag)
    {
        if (style is not (ScalarStyle.Plain or ScalarStyle.Any) || IsTaggedString(tag))
        {
            return (EvidenceNodeKind.String, value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return (EvidenceNodeKind.Null, "null");
            case "true" or "True" or "TRUE":
                return (EvidenceNodeKind.Boolean, "true");
            case "false" or "False" or "FALSE":
                return (EvidenceNodeKind.Boolean, "false");
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return (EvidenceNodeKind.Number, "Infinity");
            case "-.inf" or "-.Inf" or "-.INF":
                return (EvidenceNodeKind.Number, "-Infinity");
            case ".nan" or ".NaN" or ".NAN":
                return (EvidenceNodeKind.Number, "NaN");
        }

        if (DecimalNumber().IsMatch(value))
        {
            return (EvidenceNodeKind.Number, value.StartsWith('+') ? value[1..] : value);
        }

        if (value.StartsWith("0x", StringComparison.Ordinal) && value.Length > 2 && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return (EvidenceNodeKind.Number, hex.ToString(CultureInfo.InvariantCulture));
        }

        if (OctalNumber().IsMatch(value) && value.Length <= 23)
        {
            // 21 octal digits fit in a long; longer ones stay strings rather than overflow.
            try
            {
                return (EvidenceNodeKind.Number, System.Convert.ToInt64(value[2..], 8).ToString(CultureInfo.InvariantCulture));
            }
            catch (OverflowException)
            {
                return (EvidenceNodeKind.String, value);
            }
        }

        return (EvidenceNodeKind.String, value);
    }

    // Untagged scalars have an empty tag, whose Value throws; "!" (non-specific) and !!str both mean a string.
    private static bool IsTaggedString(TagName tag) =>
        !tag.IsEmpty && (tag.Value == "!" || tag.Value == StringTag);

    /// <summary>A collection being converted: its children, the next one to convert, and what is built so far.</summary>
    private sealed class Frame(Func<SourcePosition> at, KeyValuePair<YamlNode, YamlNode>[]? pairs, YamlNode[]? items)
    {
        private readonly List<KeyValuePair<string, EvidenceNode>> _properties = new(pairs?.Length ?? 0);
        private readonly List<EvidenceNode> _items = new(items?.Length ?? 0);
        private int _next;

        public YamlNode? Next() => pairs is not null
            ? _next < pairs.Length ? pairs[_next++].Value : null
            : _next < items!.Length ? items[_next++] : null;

        public void Add(EvidenceNode node)
        {
            if (pairs is null)
            {
                _items.Add(node);
                return;
            }

            var key = pairs[_next - 1].Key;
            _properties.Add(new(key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : key.ToString(), node));
        }

        public EvidenceNode Build() => pairs is not null ? EvidenceNode.Object(_properties, at) : EvidenceNode.Array(_items.ToArray(), at);
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumber();

    [GeneratedRegex("^0o[0-7]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalNumber();
}
