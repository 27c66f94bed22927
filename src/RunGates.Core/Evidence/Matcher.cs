using System.Text.RegularExpressions;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// One matcher from rungates.yml, e.g. <c>max: 0.25</c>. Which of the payload properties is set depends on <see cref="Kind"/>:
/// <see cref="Value"/> for equals, not, min, max, exists and type; <see cref="Values"/> for in and not-in;
/// <see cref="Pattern"/> for matches; <see cref="Reference"/> for the <c>-field</c> matchers and digest-of;
/// <see cref="Inner"/> for count; <see cref="ItemPath"/> for distinct.
/// </summary>
public sealed record Matcher(MatcherKind Kind, SourcePosition Position)
{
    public EvidenceNode? Value { get; init; }

    public IReadOnlyList<EvidenceNode> Values { get; init; } = [];

    public Regex? Pattern { get; init; }

    /// <summary>The REF of a <c>-field</c> matcher or <c>digest-of</c>.</summary>
    public ValueReference? Reference { get; init; }

    /// <summary>The matchers <c>count</c> applies to the number it counts.</summary>
    public IReadOnlyList<Matcher> Inner { get; init; } = [];

    /// <summary>For <c>digest-of: { file: F }</c>: the file itself (an evidence path or <c>spec:</c>), instead of a REF to a value naming it.</summary>
    public ValueReference? DigestFile { get; init; }

    /// <summary>For <c>distinct</c>: the path inside each item whose values must differ; <see cref="DocumentPath.Root"/> for the items themselves.</summary>
    public DocumentPath? ItemPath { get; init; }

    /// <summary>The key as written in rungates.yml.</summary>
    public string Key => Keys[(int)Kind];

    /// <summary>
    /// Whether the matcher holds on an absent value (the absent rule): exists: false, not, not-in, not-equal-field,
    /// not-in-field. A REF must still resolve.
    /// </summary>
    public bool IsNegative => Kind switch
    {
        MatcherKind.NotEqualTo or MatcherKind.NotIn or MatcherKind.NotEqualField or MatcherKind.NotInField => true,
        MatcherKind.Exists => !ExpectsPresence,
        _ => false,
    };

    /// <summary>For <c>exists</c>: true for <c>exists: true</c>.</summary>
    public bool ExpectsPresence => Value?.Boolean ?? !string.Equals(Value?.Text, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every matcher key, as rungates.yml spells them, in <see cref="MatcherKind"/> order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "equals", "not", "in", "not-in", "min", "max", "matches", "exists", "type", "not-equal-field",
        "equals-field", "min-field", "max-field", "in-field", "not-in-field", "count", "digest-of", "distinct",
    ];

    /// <summary>The names <c>type:</c> accepts.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = ["string", "number", "integer", "boolean", "null", "object", "array"];
}
