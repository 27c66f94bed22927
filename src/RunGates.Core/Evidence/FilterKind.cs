namespace RunGates.Core.Evidence;

/// <summary>What a <see cref="FilterExpression"/> node is.</summary>
public enum FilterKind
{
    /// <summary><c>[?field]</c>: the field is present.</summary>
    Presence,
    /// <summary><c>left OP right</c>.</summary>
    Comparison,
    /// <summary><c>!EXPR</c>.</summary>
    Not,
    /// <summary><c>EXPR &amp;&amp; EXPR</c>.</summary>
    And,
    /// <summary><c>EXPR || EXPR</c>.</summary>
    Or,
}
