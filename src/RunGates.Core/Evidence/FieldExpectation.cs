using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>A path and the matchers its value must satisfy.</summary>
public sealed record FieldExpectation(DocumentPath Path, IReadOnlyList<Matcher> Matchers, SourcePosition Position) : Expectation(Position)
{
    public override string Name => Path.Text;

    /// <summary>
    /// The path ends in <c>[*]</c> or a filter and its one matcher is <c>count</c>: the count is of the elements the
    /// selection picks, not of each element's own items.
    /// </summary>
    public bool CountsSelection => Path.EndsInSelection && Matchers.Count == 1 && Matchers[0].Kind == MatcherKind.Count;
}
