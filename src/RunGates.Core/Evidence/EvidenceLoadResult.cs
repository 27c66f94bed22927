using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>A document, or the reason it could not be read: the file is absent, or it does not parse (with where).</summary>
public sealed record EvidenceLoadResult(EvidenceDocument? Document, bool IsMissing, string? Error, SourcePosition? ErrorPosition)
{
    public static EvidenceLoadResult Loaded(EvidenceDocument document) => new(document, false, null, null);

    public static EvidenceLoadResult Missing(string path) => new(null, true, $"{path} does not exist", SourcePosition.OfFile(path));

    public static EvidenceLoadResult Invalid(string error, SourcePosition position) => new(null, false, error, position);

    /// <summary>The file is there but is no regular file (<paramref name="problem"/> from <see cref="Paths.RegularFile.TryOpenRead"/>).</summary>
    public static EvidenceLoadResult NotRegular(string path, string? problem) =>
        Invalid($"{path} {problem}: expected a regular file of evidence", SourcePosition.OfFile(path));

    /// <summary>Opening or reading <paramref name="path"/> threw <paramref name="e"/>: missing, or unreadable and why.</summary>
    public static EvidenceLoadResult Unreadable(string path, Exception e) => e switch
    {
        // Asking the file system once (open) rather than twice (exists, then open) matters over thousands of files.
        FileNotFoundException or DirectoryNotFoundException => Missing(path),

        // Deleted between the listing and the read: the same as never there. Unreadable: say why.
        _ => File.Exists(path)
            ? Invalid($"{path} cannot be read: {e.Message}", SourcePosition.OfFile(path))
            : Missing(path),
    };
}
