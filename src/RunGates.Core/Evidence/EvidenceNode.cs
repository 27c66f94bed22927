using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using RunGates.Core.Diagnostics;
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
    private string? _text;
    private IReadOnlyList<KeyValuePair<string, EvidenceNode>>? _properties;
    private IReadOnlyList<EvidenceNode>? _items;
    private Dictionary<string, EvidenceNode>? _index;

    // A JSON node is a view over its parsed document: children become nodes only when a path reaches them, so a
    // run over thousands of files allocates for the few fields its gates read, not for every value in every file.
    private readonly JsonElement _element;
    private readonly bool _isJsonView;

    private EvidenceNode(EvidenceNodeKind kind, string? text, IReadOnlyList<KeyValuePair<string, EvidenceNode>>? properties, IReadOnlyList<EvidenceNode>? items, Func<SourcePosition> position)
    {
        Kind = kind;
        _text = text;
        _properties = properties;
        _items = items ?? [];
        _position = position;
    }

    private EvidenceNode(JsonElement element, JsonLineMap lines)
    {
        _element = element;
        _isJsonView = true;
        _lines = lines;
        Kind = element.ValueKind switch
        {
            JsonValueKind.Object => EvidenceNodeKind.Object,
            JsonValueKind.Array => EvidenceNodeKind.Array,
            JsonValueKind.String => EvidenceNodeKind.String,
            JsonValueKind.Number => EvidenceNodeKind.Number,
            JsonValueKind.True or JsonValueKind.False => EvidenceNodeKind.Boolean,
            _ => EvidenceNodeKind.Null,
        };
    }

    public EvidenceNodeKind Kind { get; }

    /// <summary>The scalar's text: the string itself, the number as written, <c>true</c>/<c>false</c>, or <c>null</c>. Null for objects and arrays.</summary>
    public string? Text => _text ?? (_isJsonView ? _text = JsonText() : null);

    /// <summary>The object's properties in document order; empty for anything else.</summary>
    public IReadOnlyList<KeyValuePair<string, EvidenceNode>> Properties =>
        _properties ?? (_isJsonView && Kind == EvidenceNodeKind.Object
            ? _properties = _element.EnumerateObject().Select(p => new KeyValuePair<string, EvidenceNode>(JsonStringText.Name(p), new EvidenceNode(p.Value, _lines!))).ToArray()
            : []);

    /// <summary>The array's items; empty for anything else.</summary>
    public IReadOnlyList<EvidenceNode> Items =>
        _items ?? (_isJsonView && Kind == EvidenceNodeKind.Array
            ? _items = MaterialiseItems()
            : _items = []);

    /// <summary>Where the node starts. Computed on first use, so documents that pass never pay for line numbers.</summary>
    public SourcePosition Position => _isJsonView ? _lines!.At(_lines.OffsetOf(_element)) : _position!();

    public bool IsScalar => Kind is not (EvidenceNodeKind.Object or EvidenceNodeKind.Array);

    public double? Number => Kind == EvidenceNodeKind.Number && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public bool? Boolean => Kind == EvidenceNodeKind.Boolean ? Text == "true" : null;

    /// <summary>The property named <paramref name="name"/> of an object; null when absent or not an object. The last duplicate wins, as in JSON.</summary>
    public EvidenceNode? this[string name]
    {
        get
        {
            if (_isJsonView && _properties is null)
            {
                // The last duplicate wins in JsonElement's lookup too, so a view answers as the materialised list would.
                return Kind == EvidenceNodeKind.Object && JsonStringText.TryGetProperty(_element, name, out var child) ? new EvidenceNode(child, _lines!) : null;
            }

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

    internal static EvidenceNode JsonView(JsonElement element, JsonLineMap lines) => new(element, lines);

    /// <summary>The JSON value this node views, for walks that step through a document without making nodes.</summary>
    internal bool TryGetJson(out JsonElement element, out JsonLineMap? lines)
    {
        element = _element;
        lines = _lines;
        return _isJsonView;
    }

    /// <summary>Whether this is a string equal to <paramref name="other"/>; a JSON string is compared in place, not decoded.</summary>
    internal bool StringEquals(string other) =>
        Kind == EvidenceNodeKind.String && (_isJsonView && _text is null ? JsonStringText.ValueEquals(_element, other) : string.Equals(Text, other, StringComparison.Ordinal));

    /// <summary>
    /// Whether this is a string equal to the text of <paramref name="other"/>, a scalar; a runbook literal (or any node
    /// not viewing JSON) keeps its UTF-8 for the comparison (<see cref="Utf8Text"/>), a JSON value is compared as before.
    /// </summary>
    internal bool StringEquals(EvidenceNode other) =>
        Kind == EvidenceNodeKind.String && other.Text is { } text
        && (_isJsonView && _text is null ? other.EqualsJsonString(_element) : string.Equals(Text, text, StringComparison.Ordinal));

    /// <summary>Whether the JSON string <paramref name="element"/> spells this node's text (a scalar's); in place, not decoded.</summary>
    internal bool EqualsJsonString(JsonElement element) =>
        _isJsonView ? JsonStringText.ValueEquals(element, Text!) : JsonStringText.ValueEquals(element, Text!, Utf8Text);

    /// <summary>
    /// The text's UTF-8, for comparing in place with JSON strings; null when the text holds a lone surrogate (no UTF-8
    /// spells it) or there is none. Worked out once per node: a runbook's literal meets every document of a run, and
    /// scanning it for surrogates at each comparison cost more than the comparison.
    /// </summary>
    internal byte[]? Utf8Text
    {
        get
        {
            if (_utf8 is null && Text is { } text)
            {
                // One reference written, so threads that race here only compute the same bytes twice.
                _utf8 = JsonStringText.HasLoneSurrogate(text) ? NoUtf8 : Encoding.UTF8.GetBytes(text);
            }

            return ReferenceEquals(_utf8, NoUtf8) ? null : _utf8;
        }
    }

    private static readonly byte[] NoUtf8 = [0];
    private byte[]? _utf8;

    private EvidenceNode[] MaterialiseItems()
    {
        var items = new EvidenceNode[_element.GetArrayLength()];
        var i = 0;
        foreach (var element in _element.EnumerateArray())
        {
            items[i++] = new EvidenceNode(element, _lines!);
        }

        return items;
    }

    private string? JsonText() => Kind switch
    {
        EvidenceNodeKind.String => JsonStringText.Value(_element),
        EvidenceNodeKind.Number => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(_element)),
        EvidenceNodeKind.Boolean => _element.ValueKind == JsonValueKind.True ? "true" : "false",
        EvidenceNodeKind.Null => "null",
        _ => null,
    };

    /// <summary>The node as a reader would write it in a message: strings quoted, scalars as written, containers summarised.</summary>
    public string Display() => Kind switch
    {
        EvidenceNodeKind.String => "\"" + JsonStringText.Shown(Text!) + "\"",
        EvidenceNodeKind.Object => $"an object with {DiagnosticText.Count(Properties.Count, "key")}",
        EvidenceNodeKind.Array => $"an array of {DiagnosticText.Count(Items.Count, "item")}",
        _ => Text!,
    };

    public override string ToString() => Display();
}
