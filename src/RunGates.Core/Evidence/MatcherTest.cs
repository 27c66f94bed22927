namespace RunGates.Core.Evidence;

/// <summary>
/// Whether a value satisfies one matcher, on nodes (the definition; the JSON fast path must answer alike). A null value
/// is absent: only the negative matchers hold on it (<see cref="Matcher.IsNegative"/>), and a REF must still resolve.
/// </summary>
internal static class MatcherTest
{
    public static bool Test(Matcher matcher, EvidenceNode? node, in MatchScope scope)
    {
        switch (matcher.Kind)
        {
            case MatcherKind.Exists:
                return (node is not null) == matcher.ExpectsPresence;
            case MatcherKind.EqualsField or MatcherKind.NotEqualField or MatcherKind.MinField or MatcherKind.MaxField
                or MatcherKind.InField or MatcherKind.NotInField:
                return ReferenceMatchers.Test(matcher, node, scope);
        }

        if (node is null)
        {
            return matcher.IsNegative;
        }

        switch (matcher.Kind)
        {
            case MatcherKind.EqualTo:
                return matcher.Value is { } equal && ValueComparison.AreEqual(node, equal);
            case MatcherKind.NotEqualTo:
                return matcher.Value is not { } notEqual || !ValueComparison.AreEqual(node, notEqual);
            case MatcherKind.In:
                return AnyEqual(node, matcher.Values);
            case MatcherKind.NotIn:
                return !AnyEqual(node, matcher.Values);
            case MatcherKind.Min:
                return matcher.Value is { } min && ValueComparison.Compare(node, min) is >= 0;
            case MatcherKind.Max:
                return matcher.Value is { } max && ValueComparison.Compare(node, max) is <= 0;
            case MatcherKind.Matches:
                return node.IsScalar && node.Kind != EvidenceNodeKind.Null && matcher.Pattern is { } pattern && EvidencePattern.IsMatch(matcher, pattern, node, scope.Sources?.Patterns);
            case MatcherKind.Type:
                return IsOfType(node, matcher.Value?.Text);
            case MatcherKind.Count:
                return CountMatcher.Test(matcher, node, scope);
            case MatcherKind.DigestOf:
                return DigestMatcher.Check(matcher, node, scope) is null;
            case MatcherKind.Distinct:
                return DistinctMatcher.Check(matcher, node) is null;
            default:
                return false;
        }
    }

    /// <summary>Why a matcher failed beyond "is X, expected Y", or null: a REF that did not resolve, a file that is not there.</summary>
    public static string? Why(Matcher matcher, EvidenceNode? node, in MatchScope scope) => matcher.Kind switch
    {
        MatcherKind.EqualsField or MatcherKind.NotEqualField or MatcherKind.MinField or MatcherKind.MaxField
            or MatcherKind.InField or MatcherKind.NotInField => ReferenceMatchers.Why(matcher, scope),
        MatcherKind.Count when node is not null => CountMatcher.Why(matcher, node, scope),
        MatcherKind.DigestOf when node is not null => DigestMatcher.Check(matcher, node, scope),
        MatcherKind.Distinct when node is not null => DistinctMatcher.Check(matcher, node),
        _ => null,
    };

    internal static bool AnyEqual(EvidenceNode node, IReadOnlyList<EvidenceNode> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (ValueComparison.AreEqual(node, values[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOfType(EvidenceNode node, string? type) => type switch
    {
        "string" => node.Kind == EvidenceNodeKind.String,
        "number" => node.Kind == EvidenceNodeKind.Number,
        "integer" => node.Kind == EvidenceNodeKind.Number && (ExactNumber.IsInteger(node.Text) ?? (node.Number is { } n && double.IsInteger(n))),
        "boolean" => node.Kind == EvidenceNodeKind.Boolean,
        "null" => node.Kind == EvidenceNodeKind.Null,
        "object" => node.Kind == EvidenceNodeKind.Object,
        "array" => node.Kind == EvidenceNodeKind.Array,
        _ => false,
    };
}
