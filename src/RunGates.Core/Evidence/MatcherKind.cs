namespace RunGates.Core.Evidence;

/// <summary>The keys a matcher map may hold.</summary>
public enum MatcherKind
{
    /// <summary><c>equals</c>, also what a plain scalar means.</summary>
    EqualTo,
    /// <summary><c>not</c></summary>
    NotEqualTo,
    /// <summary><c>in</c></summary>
    In,
    /// <summary><c>not-in</c></summary>
    NotIn,
    /// <summary><c>min</c>, inclusive</summary>
    Min,
    /// <summary><c>max</c>, inclusive</summary>
    Max,
    /// <summary><c>matches</c>, a .NET regular expression searched in the value's text</summary>
    Matches,
    /// <summary><c>exists</c></summary>
    Exists,
    /// <summary><c>type</c>: string, number, integer, boolean, null, object or array</summary>
    Type,
    /// <summary><c>not-equal-field: REF</c>: the value differs from the one value REF names</summary>
    NotEqualField,
    /// <summary><c>equals-field: REF</c></summary>
    EqualsField,
    /// <summary><c>min-field: REF</c>, inclusive</summary>
    MinField,
    /// <summary><c>max-field: REF</c>, inclusive</summary>
    MaxField,
    /// <summary><c>in-field: REF</c>: one of the values REF names (a selection's values, or the items of the one array it names)</summary>
    InField,
    /// <summary><c>not-in-field: REF</c></summary>
    NotInField,
    /// <summary><c>count: MATCHER-MAP</c>: over the number of items, properties, or elements a final <c>[*]</c>/filter selects</summary>
    Count,
    /// <summary><c>digest-of: REF</c>: the value is the SHA-256 of the evidence file whose path REF names</summary>
    DigestOf,
    /// <summary><c>distinct: PATH</c>: no two items of the array have the same value at PATH (<c>@</c>: the items themselves)</summary>
    Distinct,
}
