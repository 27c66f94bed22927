using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Runbooks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Promotion;

/// <summary>
/// Decides whether a committed bundle may be promoted, for every front door that promotes (the CLI, MSBuild, Cake):
/// the bundle must verify against its artifact index, its packet must agree field for field with the one the committed
/// results.json gives (<see cref="PromotionPacketVerifier"/>), the bundle must not be invalidated, and the decision
/// recomputed by <see cref="PromotionDecision.Decide"/> must say promotable. With the runbook at hand, the run must also be
/// of that runbook and meet its promote.requires as it reads now.
/// </summary>
public static class BundlePromoter
{
    public static PromotionReview Review(BundleStore store, string bundleDirectory, Runbook? runbook = null, CancellationToken cancellationToken = default)
    {
        var validation = BundleValidator.Validate(bundleDirectory, cancellationToken);
        var problems = new List<IntegrityProblem>(validation.Problems);
        var reasons = new List<string>();

        // An invalidated bundle is refused as bundle validate refuses it: an integrity error, not a mere reason. Both the
        // folder's name and the run the index commits are looked up, so moving a bundle's files under another name evades
        // nothing; and in the bundles folder itself a bundle must sit under its own run id.
        var directory = Path.GetFullPath(bundleDirectory);
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        if (validation.Index is { } index && index.RunId != folderName && IsBundlesFolder(store, Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(directory))))
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PromotionRecordInconsistent, BundleFiles.ArtifactIndex,
                $"commits run '{index.RunId}', but the bundle is the folder '{folderName}' in {store.BundlesDirectory}; expected a bundle under its own run id."));
        }

        try
        {
            foreach (var runId in new[] { folderName, validation.Index?.RunId }.OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (store.FindInvalidation(runId) is { } invalidation)
                {
                    problems.Add(new IntegrityProblem(DiagnosticCatalog.BundleInvalidated, Path.Combine(store.BundlesDirectory, BundleFiles.Status),
                        $"{runId} was invalidated by {invalidation.By} at {invalidation.At:u}: {invalidation.Reason}"));
                }
            }
        }
        catch (BundleException e)
        {
            // A status log that cannot be read rules out no invalidation: an integrity problem (RG4032), never "not invalidated".
            problems.Add(BundleStore.StatusProblem(e));
        }

        var promotion = validation.Promotion;
        if (promotion?.Decision is { } decision)
        {
            reasons.AddRange(decision.Reasons);
        }

        if (validation.Index is not null && promotion?.Results is null && problems.Count == 0)
        {
            reasons.Add($"The bundle's {BundleFiles.Results} cannot be read, so no promotion decision can be recomputed from it.");
        }

        if (promotion?.Results is { Promotion: { } section } && promotion.PacketPath is null)
        {
            reasons.Add($"The bundle has no {section.Packet}: the run never wrote its promotion packet.");
        }

        if (runbook is not null && promotion?.Results is { Promotion: { } recorded } results)
        {
            reasons.AddRange(AgainstRunbook(runbook, results.Runbook, recorded.Requires, results.Verdict, results.VerdictName));
        }

        return new PromotionReview(bundleDirectory, promotion?.PacketVerified == true ? promotion.Packet : null, promotion?.PacketPath, problems, reasons);
    }

    /// <summary>A folder RunGates keeps bundles in (it has LATEST or status.jsonl), not one a bundle was merely copied or downloaded into.</summary>
    private static bool IsBundlesFolder(BundleStore store, string? folder) =>
        folder == store.BundlesDirectory
        && (File.Exists(Path.Combine(folder, BundleFiles.Latest)) || File.Exists(Path.Combine(folder, BundleFiles.Status)));

    /// <summary>
    /// The runbook at hand may be stricter than the one the run was decided under, never looser: a reason only where the
    /// recorded decision (which already names a verdict below its own requires) did not already refuse.
    /// </summary>
    private static IEnumerable<string> AgainstRunbook(Runbook runbook, string runOf, Verdict recordedRequires, Verdict verdict, string verdictName)
    {
        if (runOf != runbook.Name)
        {
            yield return $"The bundle is a run of runbook '{runOf}', not of '{runbook.Name}' ({runbook.SourcePath}).";
        }

        if (runbook.Promote is not { } promote)
        {
            yield return $"The runbook {runbook.SourcePath} has no promote: section.";
        }
        else if (VerdictEvaluator.Meets(verdict, recordedRequires) && !VerdictEvaluator.Meets(verdict, promote.Requires))
        {
            yield return $"The runbook {runbook.SourcePath} now requires {promote.Requires.ToKeyword()} or better; the run's verdict is {verdict.ToKeyword()} ({verdictName}).";
        }
    }
}
