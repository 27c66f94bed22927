namespace RunGates.Core.Evidence;

/// <summary>
/// The right side of a filter comparison: a literal (<see cref="Literal"/>), another field of the same element
/// (<c>@.x</c>: <see cref="Path"/>), or a path from the document root (<c>$.x</c>: <see cref="Path"/> with <see cref="FromRoot"/>).
/// </summary>
public sealed record FilterOperand(EvidenceNode? Literal, DocumentPath? Path, bool FromRoot, string Text);
