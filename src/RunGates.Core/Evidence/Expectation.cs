using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// One entry of an <c>expect</c>, <c>when</c> or <c>infeasible-when</c> map: a path with its matchers
/// (<see cref="FieldExpectation"/>) or a group of such maps (<see cref="ExpectationGroup"/>).
/// </summary>
public abstract record Expectation(SourcePosition Position)
{
    /// <summary>How <c>rungates explain</c> and messages name it: the path, or <c>any-of[2]</c>.</summary>
    public abstract string Name { get; }
}
