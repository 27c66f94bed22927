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
    /// </summary>
    public ReferenceSources References(Phase phase) => new()
    {
        EvidenceBase = EvidenceBase(phase),
        SpecDirectory = SpecDirectory,
        RunJsonPath = phase == Phase.Gates && BundleDirectory is not null ? Path.Combine(BundleDirectory, "run.json") : null,
        BundlesDirectory = BundlesDirectory,
        Documents = Documents,
        Bundles = Bundles,
    };

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

    /// <summary>The finding for a refusal of <see cref="EvidenceEscape"/>, at the file that leads out.</summary>
    public static CheckFinding EscapeFinding(string refusal, string fullPath) =>
        new(refusal, SourcePosition.OfFile(fullPath), "a file inside its root", "a path leading outside");

    private readonly ConcurrentDictionary<string, string> _realFolders = new(StringComparer.Ordinal);
}
