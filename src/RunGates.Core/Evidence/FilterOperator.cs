namespace RunGates.Core.Evidence;

/// <summary>The comparison of a filter: <c>== != &lt; &lt;= &gt; &gt;=</c>.</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
