using RunGates.Core.Evidence;
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
}
