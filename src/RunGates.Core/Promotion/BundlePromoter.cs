using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Promotion;

/// <summary>
/// Decides whether a committed bundle may be promoted, for every front door that promotes (the CLI, MSBuild, Cake):
/// the bundle must verify against its artifact index, the packet's digests must match the files they name, the bundle
/// must not be invalidated, and the packet must say promotable.
/// </summary>
public static class BundlePromoter
{
    public static PromotionReview Review(BundleStore store, string bundleDirectory, CancellationToken cancellationToken = default)
    {
        var validation = BundleValidator.Validate(bundleDirectory, cancellationToken);
        var problems = new List<IntegrityProblem>(validation.Problems);
        var reasons = new List<string>();

        var runId = Path.GetFileName(Path.TrimEndingDirectorySeparator(bundleDirectory));
        if (store.FindInvalidation(runId) is { } invalidation)
        {
            reasons.Add($"The bundle was invalidated by {invalidation.By} at {invalidation.At:u}: {invalidation.Reason}");
        }

        PromotionPacket? packet = null;
        var packetPath = Path.Combine(bundleDirectory, BundleFiles.PromotionPacket);
        if (!File.Exists(packetPath))
        {
            reasons.Add($"The bundle has no {BundleFiles.PromotionPacket}: the runbook has no promote: section, or the run never committed.");
        }
        else
        {
            try
            {
                packet = PromotionPacket.Read(packetPath);
            }
            catch (InvalidDataException e)
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.MalformedArtifactIndex, packetPath, e.Message));
            }
        }

        if (packet is not null)
        {
            problems.AddRange(packet.Verify(bundleDirectory));
            if (packet.RunId != runId && validation.Index is { } index && packet.RunId != index.RunId)
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.DigestMismatch, packetPath, $"the packet is for run '{packet.RunId}', expected '{index.RunId}'"));
            }

            if (!packet.Promotable)
            {
                reasons.AddRange(packet.Reasons.Count > 0 ? packet.Reasons : ["The promotion packet says the run is not promotable."]);
            }
        }

        return new PromotionReview(bundleDirectory, packet, problems, reasons);
    }
}
