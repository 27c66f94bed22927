using System.Collections.Concurrent;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Ledgers;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Checks;

/// <summary>Everything a check may use while it evaluates. All I/O goes through the paths handed in here.</summary>
public sealed class CheckContext
{
    public required Runbook Runbook { get; init; }

    /// <summary>The resolved <c>run.evidence</c> folder that gate paths resolve against.</summary>
    public required string EvidenceDirectory { get; init; }

    /// <summary>This run's bundle folder; null before the bundle is opened (pre-flight) and in dry evaluations.</summary>
    public string? BundleDirectory { get; init; }

    /// <summary>The folder holding every bundle of this runbook and <c>LATEST</c>.</summary>
    public required string BundlesDirectory { get; init; }

    /// <summary>The environment the run sees (a snapshot, so tests can hand one in).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required SecretMasker Masker { get; init; }

    public required ProcessRunner Processes { get; init; }

    public required EvidenceDocumentCache Documents { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Reviews for <c>approvals:</c>; null outside a front door that can see pull requests.</summary>
    public IPullRequestReviewSource? Reviews { get; init; }

    /// <summary>The folder holding rungates.yml.</summary>
    public string SpecDirectory => Runbook.Directory;

    /// <summary>
    /// Where a check's evidence paths (<c>file</c>, <c>each</c>, <c>same</c>, <c>files</c>, <c>ledger</c>) resolve:
    /// the folder holding rungates.yml in pre-flight, <c>run.evidence</c> in gates.
    /// </summary>
    public string EvidenceBase(Phase phase) => phase == Phase.Preflight ? SpecDirectory : EvidenceDirectory;

    /// <summary>Earlier bundles opened for <c>bundle:</c> references, validated once per run.</summary>
    public ReferenceBundles Bundles { get; init; } = new();

    /// <summary>
    /// What a check of <paramref name="phase"/> resolves <c>{ file, path }</c> references against
    /// (<see cref="ReferenceResolver"/>): evidence paths against <see cref="EvidenceBase"/>, <c>spec:</c> against
    /// rungates.yml's folder, <c>run</c> to this bundle's run.json (gates only), <c>bundle:</c> under <see cref="BundlesDirectory"/>.
    /// Each call is one check's: its pattern budget (<see cref="PatternTime"/>) starts full.
    /// </summary>
    public ReferenceSources References(Phase phase) => new()
    {
        EvidenceBase = EvidenceBase(phase),
        SpecDirectory = SpecDirectory,
        RunJsonPath = phase == Phase.Gates && BundleDirectory is not null ? Path.Combine(BundleDirectory, "run.json") : null,
        BundlesDirectory = BundlesDirectory,
        Documents = Documents,
        Bundles = Bundles,
        Patterns = new PatternBudget(PatternTime),
    };

    /// <summary>The time each check's <c>matches:</c> patterns may take together (<see cref="EvidencePattern.CheckBudget"/>; tests set less).</summary>
    internal TimeSpan PatternTime { get; init; } = EvidencePattern.CheckBudget;

    /// <summary>The full path of <paramref name="relativePath"/> against <see cref="EvidenceBase"/>.</summary>
    public string ResolveEvidencePath(Phase phase, string relativePath) => Path.GetFullPath(relativePath, EvidenceBase(phase));

    /// <summary>
    /// Why a check may not read <paramref name="fullPath"/> (it lies outside <see cref="EvidenceBase"/>, or a symbolic
    /// link leads out of it), or null when it may: asked before any byte is read, so no message quotes a file outside
    /// the root. A refusal is an RG4004 failure of the check. Folders are resolved once per context (once per phase).
    /// </summary>
    public string? EvidenceEscape(Phase phase, string fullPath) => Escape(EvidenceBase(phase), fullPath);

    /// <summary>As <see cref="EvidenceEscape"/>, for a file under another root (a spec-side file under <see cref="SpecDirectory"/>).</summary>
    public string? Escape(string root, string fullPath) =>
        RootedPath.Escape(root, fullPath, _realFolders) is { } refusal ? $"{refusal} ({DiagnosticCatalog.PathEscapesRoot.Code})" : null;

    /// <summary>
    /// The evidence document at <paramref name="relativePath"/> (against <see cref="EvidenceBase"/>), loaded once per
    /// run, or, when it leads out of its root, an unreadable result whose error is the RG4004 refusal: the one way a
    /// check (or a reference a matcher follows) should load a document by name.
    /// </summary>
    public EvidenceLoadResult LoadEvidence(Phase phase, string relativePath)
    {
        var full = ResolveEvidencePath(phase, relativePath);
        return EvidenceEscape(phase, full) is { } refusal ? EvidenceLoadResult.Invalid(refusal, SourcePosition.OfFile(full)) : Documents.Load(full);
    }

    /// <summary>
    /// Lends the evidence document at <paramref name="fullPath"/> to <paramref name="use"/>
    /// (<see cref="EvidenceDocumentCache.Read"/>) unless it leads out of <see cref="EvidenceBase"/>: then returns the
    /// RG4004 refusal of <see cref="EvidenceEscape"/> and reads nothing. The same rule, at less cost: the folders along
    /// the path are resolved once per context, the file's own name is checked by the open that reads it (O_NOFOLLOW),
    /// and only a name that is a link is resolved, so a plain file below a known folder costs no lstat.
    /// </summary>
    public string? ReadEvidence(Phase phase, string fullPath, Action<EvidenceLoadResult> use)
    {
        if (EvidenceReader.CanReadUnlessLink(fullPath))
        {
            if (FolderEscape(phase, fullPath) is { } refusedFolder)
            {
                return refusedFolder;
            }

            if (Documents.ReadUnlessLink(fullPath, use))
            {
                return null;
            }

            // The name is a link (or the document was loaded before): where it leads is checked as for any path.
        }

        if (EvidenceEscape(phase, fullPath) is { } refusal)
        {
            return refusal;
        }

        Documents.Read(fullPath, use);
        return null;
    }

    /// <summary>
    /// <see cref="EvidenceEscape"/> without the file's own name: null when the path lies inside the root and its folder,
    /// links resolved, too; otherwise <see cref="EvidenceEscape"/>'s answer, so the message is the same and a link
    /// that leads back inside is still followed.
    /// </summary>
    private string? FolderEscape(Phase phase, string fullPath)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(EvidenceBase(phase)));
        var full = Path.GetFullPath(fullPath);
        if (Path.GetDirectoryName(full) is { } folder && RootedPath.IsInside(fullRoot, full) && !full.Equals(fullRoot, StringComparison.Ordinal))
        {
            try
            {
                // A name below a folder inside the root is inside it too: the folder is its real path's prefix.
                if (RootedPath.IsInside(RootedPath.RealFolder(fullRoot, _realFolders), RootedPath.RealFolder(folder, _realFolders)))
                {
                    return null;
                }
            }
            catch (IOException)
            {
                // A link loop along the folders: EvidenceEscape words it.
            }
        }

        return EvidenceEscape(phase, fullPath);
    }

    /// <summary>The finding for a refusal of <see cref="EvidenceEscape"/>, at the file that leads out.</summary>
    public static CheckFinding EscapeFinding(string refusal, string fullPath) =>
        new(refusal, SourcePosition.OfFile(fullPath), "a file inside its root", "a path leading outside");

    private readonly ConcurrentDictionary<string, string> _realFolders = new(StringComparer.Ordinal);
}
