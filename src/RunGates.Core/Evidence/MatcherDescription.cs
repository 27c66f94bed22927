namespace RunGates.Core.Evidence;

/// <summary>What a matcher asks for, as messages and <c>rungates explain</c> show it: <c>"PASS"</c>, <c>a number &lt;= 0.25</c>, <c>none of "BLOCK", "HALT"</c>.</summary>
internal static class MatcherDescription
{
    /// <summary>
    /// The description; with a <paramref name="scope"/>, a REF's value is shown beside it (<c>different from author ("ana")</c>).
    /// <paramref name="counting"/> words min and max for a count (<c>a count &gt;= 1</c>).
    /// </summary>
    public static string Describe(Matcher matcher, MatchScope? scope, bool counting = false)
    {
        var reference = matcher.Reference?.Text;
        var shown = scope is { } s && matcher.Reference is not null && matcher.Kind != MatcherKind.DigestOf ? ReferenceMatchers.Shown(matcher, s) : "";
        var number = matcher.Value?.Kind == EvidenceNodeKind.Number;
        return matcher.Kind switch
        {
            MatcherKind.EqualTo => matcher.Value?.Display() ?? "a value",
            MatcherKind.NotEqualTo => "not " + matcher.Value?.Display(),
            MatcherKind.In => "one of " + string.Join(", ", matcher.Values.Select(v => v.Display())),
            MatcherKind.NotIn => "none of " + string.Join(", ", matcher.Values.Select(v => v.Display())),
            MatcherKind.Min => (counting ? ">= " : number ? "a number >= " : ">= ") + matcher.Value?.Display(),
            MatcherKind.Max => (counting ? "<= " : number ? "a number <= " : "<= ") + matcher.Value?.Display(),
            MatcherKind.Matches => "a value matching /" + matcher.Pattern + "/",
            MatcherKind.Exists => matcher.ExpectsPresence ? "present" : "absent",
            MatcherKind.Type => "of type " + matcher.Value?.Text,
            MatcherKind.NotEqualField => $"different from {reference}{shown}",
            MatcherKind.EqualsField => $"equal to {reference}{shown}",
            MatcherKind.MinField => $">= {reference}{shown}",
            MatcherKind.MaxField => $"<= {reference}{shown}",
            MatcherKind.InField => $"one of {reference}{shown}",
            MatcherKind.NotInField => $"none of {reference}{shown}",
            MatcherKind.Count => "a count " + string.Join(" and ", matcher.Inner.Select(m => Describe(m, scope, counting: true))),
            MatcherKind.DigestOf => matcher.DigestFile is { } file ? $"the SHA-256 of {file.Text}" : $"the SHA-256 of the file named by {reference}",
            MatcherKind.Distinct => matcher.ItemPath is { Segments.Count: > 0 } itemPath ? $"items that differ in {itemPath.Text}" : "items that all differ",
            _ => matcher.Key,
        };
    }
}
