using System.Globalization;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// A node of a JSON or YAML document (evidence, or a value written in rungates.yml) that remembers where it came from.
/// Numbers keep their text so that <c>1.10</c> is shown as written; comparison is numeric.
/// </summary>
public sealed class EvidenceNode
{
    private readonly Func<SourcePosition>? _position;
    private readonly JsonLineMap? _lines;
    private readonly int _offset;
    private readonly int _textLength;
    private string? _text;
    private readonly IReadOnlyList<KeyValuePair<string, EvidenceNode>>? _properties;
    private Dictionary<string, EvidenceNode>? _index;

    private EvidenceNode(EvidenceNodeKind kind, string? text, IReadOnlyList<KeyValuePair<string, EvidenceNode>>? properties, IReadOnlyList<EvidenceNode>? items, Func<SourcePosition> position)
    {
        Kind = kind;
        _text = text;
        _properties = properties;
        Items = items ?? [];
        _position = position;
    }

    // JSON nodes keep only a byte offset into their document's line map: no closure per node, lines computed on demand.
    private EvidenceNode(EvidenceNodeKind kind, string? text, IReadOnlyList<KeyValuePair<string, EvidenceNode>>? properties, IReadOnlyList<EvidenceNode>? items, JsonLineMap lines, int offset)
    {
        Kind = kind;
        _text = text;
        _properties = properties;
        Items = items ?? [];
        _lines = lines;
        _offset = offset;
    }

    // A JSON string without escapes: decoded from the document's bytes on first read, since most values are never read.
    private EvidenceNode(JsonLineMap lines, int offset, int textLength)
    {
        Kind = EvidenceNodeKind.String;
        Items = [];
        _lines = lines;
        _offset = offset;
        _textLength = textLength;
    }

    public EvidenceNodeKind Kind { get; }

    /// <summary>The scalar's text: the string itself, the number as written, <c>true</c>/<c>false</c>, or <c>null</c>. Null for objects and arrays.</summary>
    public string? Text => _text ?? (_lines is not null && Kind == EvidenceNodeKind.String ? _text = _lines.Decode(_offset + 1, _textLength) : null);

    /// <summary>The object's properties in document order; empty for anything else.</summary>
    public IReadOnlyList<KeyValuePair<string, EvidenceNode>> Properties => _properties ?? [];

    /// <summary>The array's items; empty for anything else.</summary>
    public IReadOnlyList<EvidenceNode> Items { get; }

    /// <summary>Where the node starts. Computed on first use, so documents that pass never pay for line numbers.</summary>
    public SourcePosition Position => _lines is not null ? _lines.At(_offset) : _position!();

    public bool IsScalar => Kind is not (EvidenceNodeKind.Object or EvidenceNodeKind.Array);

    public double? Number => Kind == EvidenceNodeKind.Number && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public bool? Boolean => Kind == EvidenceNodeKind.Boolean ? Text == "true" : null;

    /// <summary>The property named <paramref name="name"/> of an object; null when absent or not an object. The last duplicate wins, as in JSON.</summary>
    public EvidenceNode? this[string name]
    {
        get
        {
            if (_properties is null)
            {
                return null;
            }

            if (_properties.Count <= 8)
            {
                for (var i = _properties.Count - 1; i >= 0; i--)
                {
                    if (string.Equals(_properties[i].Key, name, StringComparison.Ordinal))
                    {
                        return _properties[i].Value;
                    }
                }

                return null;
            }

            if (_index is null)
            {
                var index = new Dictionary<string, EvidenceNode>(_properties.Count, StringComparer.Ordinal);
                foreach (var pair in _properties)
                {
                    index[pair.Key] = pair.Value;
                }

                _index = index;
            }

            return _index.GetValueOrDefault(name);
        }
    }

    public static EvidenceNode Scalar(EvidenceNodeKind kind, string text, Func<SourcePosition> position) =>
        kind is EvidenceNodeKind.Object or EvidenceNodeKind.Array
            ? throw new ArgumentException("Objects and arrays are not scalars.", nameof(kind))
            : new(kind, text, null, null, position);

    public static EvidenceNode Object(IReadOnlyList<KeyValuePair<string, EvidenceNode>> properties, Func<SourcePosition> position) =>
        new(EvidenceNodeKind.Object, null, properties, null, position);

    public static EvidenceNode Array(IReadOnlyList<EvidenceNode> items, Func<SourcePosition> position) =>
        new(EvidenceNodeKind.Array, null, null, items, position);

    internal static EvidenceNode JsonString(JsonLineMap lines, int offset, int textLength) => new(lines, offset, textLength);

    internal static EvidenceNode JsonScalar(EvidenceNodeKind kind, string text, JsonLineMap lines, int offset) => new(kind, text, null, null, lines, offset);

    internal static EvidenceNode JsonObject(IReadOnlyList<KeyValuePair<string, EvidenceNode>> properties, JsonLineMap lines, int offset) =>
        new(EvidenceNodeKind.Object, null, properties, null, lines, offset);

    internal static EvidenceNode JsonArray(IReadOnlyList<EvidenceNode> items, JsonLineMap lines, int offset) =>
        new(EvidenceNodeKind.Array, null, null, items, lines, offset);

    /// <summary>The node as a reader would write it in a message: strings quoted, scalars as written, containers summarised.</summary>
    public string Display() => Kind switch
    {
        EvidenceNodeKind.String => "\"" + Text + "\"",
        EvidenceNodeKind.Object => $"an object with {Properties.Count} key(s)",
        EvidenceNodeKind.Array => $"an array of {Items.Count} item(s)",
        _ => Text!,
    };

    public override string ToString() => Display();
}
