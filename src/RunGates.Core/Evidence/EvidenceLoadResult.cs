using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>A document, or the reason it could not be read: the file is absent, or it does not parse (with where).</summary>
public sealed record EvidenceLoadResult(EvidenceDocument? Document, bool IsMissing, string? Error, SourcePosition? ErrorPosition)
{
    public static EvidenceLoadResult Loaded(EvidenceDocument document) => new(document, false, null, null);

    public static EvidenceLoadResult Missing(string path) => new(null, true, $"{path} does not exist", SourcePosition.OfFile(path));

    public static EvidenceLoadResult Invalid(string error, SourcePosition position) => new(null, false, error, position);
}
