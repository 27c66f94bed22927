using System.Runtime.InteropServices;
using System.Text.Json;

namespace RunGates.Core.Evidence;

/// <summary>
/// Equality and order as every matcher, filter and <c>same</c> see them: numbers exactly by their decimal value
/// (<see cref="ExactNumber"/>); null equals only null; objects and arrays deeply; other scalars by their text, so the
/// string <c>"42"</c> equals the number <c>42</c>. Order: numbers by value, strings ordinally, nothing else.
/// </summary>
public static class ValueComparison
{
    public static bool AreEqual(EvidenceNode a, EvidenceNode b)
    {
        if (a.Kind == EvidenceNodeKind.Number && b.Kind == EvidenceNodeKind.Number)
        {
            return NumberCompare(a, b) is { } order ? order == 0 : string.Equals(a.Text, b.Text, StringComparison.Ordinal);
        }

        if (a.IsScalar && b.IsScalar)
        {
            if ((a.Kind == EvidenceNodeKind.Null) != (b.Kind == EvidenceNodeKind.Null))
            {
                return false;
            }

            // The common case over thousands of documents: a string in the evidence against one in the runbook.
            if (a.Kind == EvidenceNodeKind.String && b.Text is not null)
            {
                return a.StringEquals(b);
            }

            return string.Equals(a.Text, b.Text, StringComparison.Ordinal);
        }

        if (a.Kind != b.Kind)
        {
            return false;
        }

        if (a.Kind == EvidenceNodeKind.Array)
        {
            if (a.Items.Count != b.Items.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Items.Count; i++)
            {
                if (!AreEqual(a.Items[i], b.Items[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (a.Properties.Count != b.Properties.Count)
        {
            return false;
        }

        foreach (var (name, value) in a.Properties)
        {
            if (b[name] is not { } other || !AreEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Numbers by value, strings ordinally; null when the two cannot be ordered (a string against a number, NaN).</summary>
    public static int? Compare(EvidenceNode actual, EvidenceNode bound)
    {
        if (actual.Kind == EvidenceNodeKind.Number && bound.Kind == EvidenceNodeKind.Number)
        {
            return NumberCompare(actual, bound);
        }

        if (actual.Kind == EvidenceNodeKind.String && bound.Kind == EvidenceNodeKind.String)
        {
            return Math.Sign(string.CompareOrdinal(actual.Text, bound.Text));
        }

        return null;
    }

    // Exactly where both are decimals; Infinity (YAML's .inf, or a JSON number beyond double) falls back to double.
    private static int? NumberCompare(EvidenceNode a, EvidenceNode b) =>
        ExactNumber.Compare(a.Text, b.Text)
        ?? (a.Number is { } x && b.Number is { } y && !double.IsNaN(x) && !double.IsNaN(y) ? x.CompareTo(y) : null);

    /// <summary>
    /// <see cref="AreEqual"/> on a JSON value itself against a scalar, without a node: true or false, or null when it
    /// takes a node to answer (escaped text against a non-string, containers, numbers that are no finite decimal).
    /// </summary>
    internal static bool? JsonEquals(JsonElement element, EvidenceNode value)
    {
        if (!value.IsScalar)
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return value.Kind == EvidenceNodeKind.Null ? false : value.EqualsJsonString(element);
            case JsonValueKind.Number when value.Kind == EvidenceNodeKind.Number:
                return ExactNumber.Compare(JsonMarshal.GetRawUtf8Value(element), value.Text) is { } order ? order == 0 : null;
            case JsonValueKind.Number:
                // A number against a string or boolean compares by its text as written, which is ASCII.
                return value.Kind == EvidenceNodeKind.Null ? false : AsciiEquals(JsonMarshal.GetRawUtf8Value(element), value.Text!);
            case JsonValueKind.Null:
                return value.Kind == EvidenceNodeKind.Null;
            case JsonValueKind.True or JsonValueKind.False:
                return value.Kind == EvidenceNodeKind.Null ? false : string.Equals(element.ValueKind == JsonValueKind.True ? "true" : "false", value.Text, StringComparison.Ordinal);
            default:
                return null;
        }
    }

    /// <summary><see cref="Compare"/> of a JSON number against a number, without a node; false when it takes a node to answer.</summary>
    internal static bool TryJsonCompare(JsonElement element, EvidenceNode bound, out int? order)
    {
        order = null;
        if (element.ValueKind == JsonValueKind.Number && bound.Kind == EvidenceNodeKind.Number
            && ExactNumber.Compare(JsonMarshal.GetRawUtf8Value(element), bound.Text) is { } exact)
        {
            order = exact;
            return true;
        }

        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False && bound.Kind is EvidenceNodeKind.Number or EvidenceNodeKind.String)
        {
            return true; // neither a number nor a string: unordered
        }

        return false;
    }

    private static bool AsciiEquals(ReadOnlySpan<byte> utf8, string text)
    {
        if (utf8.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    // Two JSON values compared where they are written: unescaped strings by their bytes, numbers exactly; null otherwise.
    internal static bool? JsonRawEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.String && b.ValueKind == JsonValueKind.String)
        {
            var x = JsonMarshal.GetRawUtf8Value(a)[1..^1];
            var y = JsonMarshal.GetRawUtf8Value(b)[1..^1];
            return x.IndexOf((byte)'\\') < 0 && y.IndexOf((byte)'\\') < 0 ? x.SequenceEqual(y) : null;
        }

        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number
            && ExactNumber.Compare(JsonMarshal.GetRawUtf8Value(a), JsonMarshal.GetRawUtf8Value(b)) is { } order)
        {
            return order == 0;
        }

        return null;
    }
}
