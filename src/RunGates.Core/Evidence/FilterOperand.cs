namespace RunGates.Core.Evidence;

/// <summary>
/// The right side of a filter comparison: a literal (<see cref="Literal"/>), another field of the same element
/// (<c>@.x</c>: <see cref="Path"/>), a path from the document root (<c>$.x</c>: <see cref="Path"/> with <see cref="FromRoot"/>),
/// or, in a REF's path only, a field of the element under test where the REF is written (<c>^.x</c>: <see cref="FromOuter"/>).
/// </summary>
public sealed record FilterOperand(EvidenceNode? Literal, DocumentPath? Path, bool FromRoot, string Text)
{
    /// <summary><c>^…</c>: the path starts at the outer element (the other side of a join), not at the candidate.</summary>
    public bool FromOuter { get; init; }
}
