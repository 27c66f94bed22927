using System.Text.RegularExpressions;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// One matcher from rungates.yml, e.g. <c>max: 0.25</c>. Which of the payload properties is set depends on <see cref="Kind"/>:
/// <see cref="Value"/> for equals, not, min, max, exists and type; <see cref="Values"/> for in and not-in;
/// <see cref="Pattern"/> for matches; <see cref="Field"/> for not-equal-field.
/// </summary>
public sealed record Matcher(MatcherKind Kind, SourcePosition Position)
{
    public EvidenceNode? Value { get; init; }

    public IReadOnlyList<EvidenceNode> Values { get; init; } = [];

    public Regex? Pattern { get; init; }

    public DocumentPath? Field { get; init; }

    /// <summary>The key as written in rungates.yml.</summary>
    public string Key => Kind switch
    {
        MatcherKind.EqualTo => "equals",
        MatcherKind.NotEqualTo => "not",
        MatcherKind.In => "in",
        MatcherKind.NotIn => "not-in",
        MatcherKind.Min => "min",
        MatcherKind.Max => "max",
        MatcherKind.Matches => "matches",
        MatcherKind.Exists => "exists",
        MatcherKind.Type => "type",
        MatcherKind.NotEqualField => "not-equal-field",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary>Every matcher key, as rungates.yml spells them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["equals", "not", "in", "not-in", "min", "max", "matches", "exists", "type", "not-equal-field"];

    /// <summary>The names <c>type:</c> accepts.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = ["string", "number", "integer", "boolean", "null", "object", "array"];
}
