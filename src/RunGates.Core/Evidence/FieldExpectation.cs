using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>One entry of an <c>expect</c>, <c>when</c> or <c>infeasible-when</c> map: a path and the matchers its value must satisfy.</summary>
public sealed record FieldExpectation(DocumentPath Path, IReadOnlyList<Matcher> Matchers, SourcePosition Position);
