using System.Globalization;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// <c>count: MATCHER-MAP</c>: the inner matchers applied to a number: an array's items, an object's properties, or
/// (when the tested path ends in <c>[*]</c> or a filter, <see cref="FieldExpectation.CountsSelection"/>) the elements
/// selected, 0 when none. On a scalar it fails: "is not an array or object".
/// </summary>
internal static class CountMatcher
{
    public static bool Test(Matcher matcher, EvidenceNode node, in MatchScope scope) =>
        Size(node) is { } size && TestCount(matcher, size, node.Position, scope);

    /// <summary>Whether <paramref name="count"/> satisfies every inner matcher of <paramref name="matcher"/>.</summary>
    public static bool TestCount(Matcher matcher, int count, SourcePosition position, in MatchScope scope)
    {
        if (TryTestCount(matcher, count) is { } quick)
        {
            return quick;
        }

        var number = Number(count, position);
        foreach (var inner in matcher.Inner)
        {
            if (!MatcherTest.Test(inner, number, scope))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The answer without a node for number bounds (min, max, equals, not); null when another inner matcher needs one.</summary>
    public static bool? TryTestCount(Matcher matcher, int count)
    {
        Span<char> text = stackalloc char[11];
        count.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture);
        text = text[..written];
        var inner = matcher.Inner;
        for (var i = 0; i < inner.Count; i++)
        {
            var m = inner[i];
            if (m.Kind is not (MatcherKind.Min or MatcherKind.Max or MatcherKind.EqualTo or MatcherKind.NotEqualTo)
                || m.Value is not { Kind: EvidenceNodeKind.Number } bound || ExactNumber.Compare(text, bound.Text) is not { } order)
            {
                return null;
            }

            var holds = m.Kind switch
            {
                MatcherKind.Min => order >= 0,
                MatcherKind.Max => order <= 0,
                MatcherKind.EqualTo => order == 0,
                _ => order != 0,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    public static string? Why(Matcher matcher, EvidenceNode node, in MatchScope scope)
    {
        if (Size(node) is not { } size)
        {
            return "it is not an array or object";
        }

        return WhyCount(matcher, size, node.Position, scope);
    }

    /// <summary>Which inner matcher the count fails, with a REF's reason when it did not resolve.</summary>
    public static string? WhyCount(Matcher matcher, int count, SourcePosition position, in MatchScope scope)
    {
        var number = Number(count, position);
        foreach (var inner in matcher.Inner)
        {
            if (!MatcherTest.Test(inner, number, scope))
            {
                var why = MatcherTest.Why(inner, number, scope);
                return string.Create(CultureInfo.InvariantCulture, $"the count is {count}, expected {MatcherDescription.Describe(inner, scope, counting: true)}{(why is null ? "" : ": " + why)}");
            }
        }

        return null;
    }

    public static int? Size(EvidenceNode node) => node.Kind switch
    {
        EvidenceNodeKind.Array => node.Items.Count,
        EvidenceNodeKind.Object => node.Properties.Count,
        _ => null,
    };

    private static EvidenceNode Number(int count, SourcePosition position) =>
        EvidenceNode.Scalar(EvidenceNodeKind.Number, count.ToString(CultureInfo.InvariantCulture), () => position);
}
