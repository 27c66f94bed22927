using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// What a <see cref="ValueReference"/> names: every present value its path reaches (with the concrete path, e.g.
/// <c>channels[2].name</c>, and the value's own file, line and column via <see cref="EvidenceNode.Position"/>), or why
/// its document could not be read (<see cref="Failure"/>; <see cref="IsMissing"/> when the file does not exist).
/// </summary>
public sealed record ReferenceResolution(ValueReference Reference, IReadOnlyList<EvidencePathResolver.Resolution> Values, string? Failure, bool IsMissing, string? DocumentPath)
{
    /// <summary>
    /// A <c>bundle:LATEST</c> REF with <c>if-none: pass</c> met a bundles folder where no run was ever committed: the
    /// matcher holds (<see cref="ReferenceMatchers"/>). Never set when an earlier bundle exists, valid or not.
    /// </summary>
    public bool NoEarlierBundle { get; init; }

    /// <summary>The document could be read (the path may still name nothing).</summary>
    public bool Succeeded => Failure is null;

    /// <summary>
    /// The one value the reference must name, or why not: the document's failure, "<c>REF is absent</c>", or
    /// "<c>REF is ambiguous: N values</c>"; each reason ends with the reference's position in rungates.yml.
    /// </summary>
    public EvidenceNode? Single(out string? why)
    {
        why = Failure is { } failure ? $"{Reference.Text}: {failure}{Where(Reference.Position)}"
            : Values.Count == 0 ? $"{Reference.Text} is absent{Where(Reference.Position)}"
            : Values.Count > 1 ? $"{Reference.Text} is ambiguous: {Values.Count} values{Where(Reference.Position)}"
            : null;
        return why is null ? Values[0].Node : null;
    }

    /// <summary>" (rungates.yml line L, column C)", as every reference failure ends.</summary>
    internal static string Where(SourcePosition position) =>
        position.Line > 0 ? $" ({System.IO.Path.GetFileName(position.File)} line {position.Line}, column {position.Column})" : "";

    internal static ReferenceResolution Failed(ValueReference reference, string failure, bool missing = false, string? document = null) =>
        new(reference, [], failure, missing, document);
}
