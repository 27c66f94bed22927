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
    /// <summary><c>not-equal-field</c>: the value differs from another path's value in the same document</summary>
    NotEqualField,
}
