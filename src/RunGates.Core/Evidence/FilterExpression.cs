namespace RunGates.Core.Evidence;

/// <summary>
/// A parsed filter <c>[?EXPR]</c> (<see cref="FilterParser"/>): a presence test, a comparison, or <c>!</c>, <c>&amp;&amp;</c>,
/// <c>||</c> over others. Left operands are paths relative to the candidate element; <see cref="FilterEvaluator"/> answers it.
/// </summary>
public sealed record FilterExpression(FilterKind Kind, string Text)
{
    /// <summary>The field tested (Presence, Comparison), relative to the candidate; <see cref="DocumentPath.Root"/> for <c>@</c>.</summary>
    public DocumentPath? Left { get; init; }

    public FilterOperator Operator { get; init; }

    public FilterOperand? Right { get; init; }

    /// <summary>The operand of Not, or the operands of And and Or.</summary>
    public IReadOnlyList<FilterExpression> Operands { get; init; } = [];

    /// <summary>Whether a <c>^</c> operand names the outer element somewhere in the expression.</summary>
    public bool UsesOuter => Right?.FromOuter == true || Operands.Any(o => o.UsesOuter);

    public override string ToString() => Text;
}
