using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RunGates.Core.Evidence;

/// <summary>
/// The matchers' answer on a JSON value itself, exactly as <see cref="MatcherTest"/> gives it on a node, for the
/// common cases: scalars against scalars for equals, not, in, not-in; numbers exactly for min and max; matches on an
/// unescaped scalar; exists; count by number bounds; a <c>-field</c> REF into the same document, <c>@</c> or a JSON
/// file (resolved once per check), naming one value, between unescaped strings or numbers. Null when it takes a node to answer.
/// </summary>
internal static class JsonMatcherTest
{
    public static bool? TryTest(IReadOnlyList<Matcher> matchers, JsonElement element, JsonElement root, JsonElement? current, ReferenceSources? sources)
    {
        for (var m = 0; m < matchers.Count; m++)
        {
            var matcher = matchers[m];
            bool? holds = matcher.Kind switch
            {
                MatcherKind.Exists => matcher.ExpectsPresence,
                MatcherKind.EqualTo => matcher.Value is { } equal ? ValueComparison.JsonEquals(element, equal) : null,
                MatcherKind.NotEqualTo => matcher.Value is { } notEqual ? !ValueComparison.JsonEquals(element, notEqual) : null,
                MatcherKind.In => In(element, matcher.Values),
                MatcherKind.NotIn => !In(element, matcher.Values),
                MatcherKind.Min => Bound(element, matcher.Value, min: true),
                MatcherKind.Max => Bound(element, matcher.Value, min: false),
                MatcherKind.Matches => TryMatch(element, matcher.Pattern),
                MatcherKind.Count => Size(element) is { } size ? TryCount(matcher, size, root, current, sources) : false,
                MatcherKind.EqualsField or MatcherKind.NotEqualField or MatcherKind.MinField or MatcherKind.MaxField => Field(matcher, element, root, current, sources),
                _ => null,
            };

            if (holds != true)
            {
                return holds;
            }
        }

        return true;
    }

    /// <summary>The answer for an absent value when no matcher has a REF: only the negative ones hold.</summary>
    public static bool? TryAbsent(IReadOnlyList<Matcher> matchers)
    {
        var holds = true;
        for (var m = 0; m < matchers.Count; m++)
        {
            if (matchers[m].Reference is not null)
            {
                return null;
            }

            holds &= matchers[m].IsNegative;
        }

        return holds;
    }

    private static bool? In(JsonElement element, IReadOnlyList<EvidenceNode> values)
    {
        var found = false;
        for (var i = 0; i < values.Count; i++)
        {
            if (ValueComparison.JsonEquals(element, values[i]) is not { } equal)
            {
                return null;
            }

            found |= equal;
        }

        return found;
    }

    private static bool? Bound(JsonElement element, EvidenceNode? bound, bool min) =>
        bound is not null && ValueComparison.TryJsonCompare(element, bound, out var order)
            ? order is { } c && (min ? c >= 0 : c <= 0)
            : null;

    private static int? Size(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.GetArrayLength();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var count = 0;
        foreach (var _ in element.EnumerateObject())
        {
            count++;
        }

        return count;
    }

    /// <summary><c>count</c> on JSON: number bounds as <see cref="CountMatcher.TryTestCount"/>, and <c>-field</c> bounds that resolve to a JSON number.</summary>
    public static bool? TryCount(Matcher matcher, int count, JsonElement root, JsonElement? current, ReferenceSources? sources)
    {
        Span<char> text = stackalloc char[11];
        count.TryFormat(text, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        text = text[..written];
        var inner = matcher.Inner;
        for (var i = 0; i < inner.Count; i++)
        {
            var m = inner[i];
            int order;
            if (m.Kind is MatcherKind.Min or MatcherKind.Max or MatcherKind.EqualTo or MatcherKind.NotEqualTo
                && m.Value is { Kind: EvidenceNodeKind.Number } bound && ExactNumber.Compare(text, bound.Text) is { } literal)
            {
                order = literal;
            }
            else if (m.Kind is MatcherKind.MinField or MatcherKind.MaxField or MatcherKind.EqualsField or MatcherKind.NotEqualField
                && Reference(m.Reference!, root, current, sources, out var other) is { } found)
            {
                if (!found)
                {
                    return false;
                }

                if (other.ValueKind != JsonValueKind.Number || ExactNumber.Compare(JsonMarshal.GetRawUtf8Value(other), text) is not { } reversed)
                {
                    return null;
                }

                order = -reversed;
            }
            else
            {
                return null;
            }

            var holds = m.Kind switch
            {
                MatcherKind.Min or MatcherKind.MinField => order >= 0,
                MatcherKind.Max or MatcherKind.MaxField => order <= 0,
                MatcherKind.EqualTo or MatcherKind.EqualsField => order == 0,
                _ => order != 0,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The one JSON value a REF names without nodes: true (found) or false (it names nothing: the matcher fails), or
    /// null when it takes nodes (a selection, YAML, run.json, no element for @).
    /// </summary>
    private static bool? Reference(ValueReference reference, JsonElement root, JsonElement? current, ReferenceSources? sources, out JsonElement other)
    {
        other = default;
        if (reference.IsExternal)
        {
            if (reference.File == ReferenceFileKind.Run || sources is null || !sources.TryExternalJson(reference, out other, out var found))
            {
                return null;
            }

            return found;
        }

        if (reference.SelectsMany || (reference.File == ReferenceFileKind.Element && current is null))
        {
            return null;
        }

        var pointer = EvidencePathResolver.IsPointer(reference.Path);
        other = reference.File == ReferenceFileKind.Element ? current!.Value : root;
        var segments = reference.Path.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            if (!EvidencePathResolver.TryStep(other, segments[i], pointer, out other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool? Field(Matcher matcher, JsonElement element, JsonElement root, JsonElement? current, ReferenceSources? sources)
    {
        switch (Reference(matcher.Reference!, root, current, sources, out var other))
        {
            case null:
                return null;
            case false:
                return false; // A REF that names nothing fails the matcher, whatever it is.
        }

        if (matcher.Kind is MatcherKind.EqualsField or MatcherKind.NotEqualField)
        {
            return ValueComparison.JsonRawEquals(element, other) is { } equal ? equal == (matcher.Kind == MatcherKind.EqualsField) : null;
        }

        if (element.ValueKind == JsonValueKind.Number && other.ValueKind == JsonValueKind.Number
            && ExactNumber.Compare(JsonMarshal.GetRawUtf8Value(element), JsonMarshal.GetRawUtf8Value(other)) is { } order)
        {
            return matcher.Kind == MatcherKind.MinField ? order >= 0 : order <= 0;
        }

        return null;
    }

    private static bool? TryMatch(JsonElement element, Regex? pattern)
    {
        // Only the linear engine here: a backtracking pattern is run on the node, which says where it ran out of time.
        if (pattern is null || !EvidencePattern.IsLinear(pattern) || element.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array
            || !TryUnescaped(element, out var utf8) || utf8.Length > 256)
        {
            return pattern is null ? false : null;
        }

        Span<char> text = stackalloc char[256];
        try
        {
            return Encoding.UTF8.TryGetChars(utf8, text, out var written) ? pattern.IsMatch(text[..written]) : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null; // the node says where
        }
    }

    /// <summary>A scalar's text as UTF-8 straight from the document: a string without escapes, or a number or boolean as written.</summary>
    private static bool TryUnescaped(JsonElement element, out ReadOnlySpan<byte> utf8)
    {
        utf8 = JsonMarshal.GetRawUtf8Value(element);
        if (element.ValueKind == JsonValueKind.String)
        {
            utf8 = utf8[1..^1];
            return utf8.IndexOf((byte)'\\') < 0;
        }

        return element.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
    }
}
