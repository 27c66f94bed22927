using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Promotion;

namespace RunGates.Core.Bundles;

/// <summary>
/// Recomputes every digest of a bundle's artifact_index.json. A bundle without the index was never committed (RG4005);
/// an index that does not parse is RG4008; each altered (RG4001), missing (RG4002) or extra (RG4003) file is named.
/// Then the promotion packet, when there is one, by <see cref="PromotionPacketVerifier"/> (RG4015–RG4019).
/// </summary>
public static class BundleValidator
{
    public static BundleValidation Validate(string bundleDirectory, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(bundleDirectory);
        if (!Directory.Exists(directory))
        {
            return Fail(directory, DiagnosticCatalog.BundleNotFound, directory, "expected a bundle folder, found nothing");
        }

        var indexPath = Path.Combine(directory, BundleFiles.ArtifactIndex);
        if (!File.Exists(indexPath))
        {
            return Fail(directory, DiagnosticCatalog.BundleUncommitted, BundleFiles.ArtifactIndex,
                $"expected {BundleFiles.ArtifactIndex} in {directory}, found none: the bundle was never committed");
        }

        if (!ArtifactIndex.TryParse(File.ReadAllText(indexPath), out var index, out var error))
        {
            return Fail(directory, DiagnosticCatalog.MalformedArtifactIndex, BundleFiles.ArtifactIndex, $"cannot be read: {error}");
        }

        var records = index!.Files.Select((f, i) => new LedgerRecord(f.Path, f.Sha256, i + 1)).ToList();
        var verification = LedgerVerifier.Verify(directory, records, BundleFiles.ArtifactIndex, reportUnlisted: true, BundleFiles.NotIndexed, cancellationToken);

        // The packet sits outside the index (it carries the index's digest), so it is verified on its own, whenever the
        // bundle has one: rebuilt from the committed results.json, run.json and index, never taken at its word.
        var promotion = PromotionPacketVerifier.Verify(directory);
        return new BundleValidation(directory, index, [.. verification.Problems, .. promotion.Problems], promotion);
    }

    private static BundleValidation Fail(string directory, RunGatesDiagnostic diagnostic, string path, string message) =>
        new(directory, null, [new IntegrityProblem(diagnostic, path, message)]);
}
