namespace RunGates.Core.Evidence;

/// <summary>
/// The folders and caches a <see cref="ValueReference"/> to another document reads from, for one check's phase.
/// Made by <c>CheckContext.References(phase)</c>; tests make one over a temporary folder.
/// </summary>
public sealed class ReferenceSources
{
    /// <summary>Where evidence paths (and <c>digest-of</c> files) resolve: <c>run.evidence</c>, or rungates.yml's folder in pre-flight.</summary>
    public required string EvidenceBase { get; init; }

    /// <summary>The folder holding rungates.yml, for <c>spec:</c>.</summary>
    public required string SpecDirectory { get; init; }

    /// <summary>This run's run.json; null in pre-flight and before the bundle is open.</summary>
    public string? RunJsonPath { get; init; }

    /// <summary><c>run.bundles</c>, for <c>bundle:</c>.</summary>
    public required string BundlesDirectory { get; init; }

    public required EvidenceDocumentCache Documents { get; init; }

    /// <summary>Bundles already opened (validated) in this run; shared by every check of the run.</summary>
    public required ReferenceBundles Bundles { get; init; }
}
