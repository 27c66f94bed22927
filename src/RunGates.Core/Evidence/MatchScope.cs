namespace RunGates.Core.Evidence;

/// <summary>
/// What a matcher sees beside the value under test: the document (for same-document REFs and <c>$</c>), where other
/// files are read from (null in tests and dry evaluations: external REFs then fail saying so), and the element under
/// test for <c>@</c> (the innermost element a <c>[*]</c> or filter selected; null outside any). <see cref="Base"/> is
/// where the tested paths start: the document's root, or a record inside it (covers' <c>where</c>).
/// </summary>
internal readonly record struct MatchScope(EvidenceDocument Document, ReferenceSources? Sources, EvidenceNode? Element, EvidenceNode? Base = null)
{
    public EvidenceNode Start => Base ?? Document.Root;

    /// <summary>Resolves a REF here; <c>^</c> in its filters names the element under test, else the record or document under test.</summary>
    public ReferenceResolution Resolve(ValueReference reference) => ReferenceResolver.Resolve(reference, Sources, Document.Root, Element, Element ?? Start, Document.Path);
}
