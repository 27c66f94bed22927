using RunGates.Core.Bundles;
using RunGates.Core.Evidence;
using RunGates.Core.Reports;

namespace RunGates.Core.Checks;

/// <summary>
/// The ledger a <c>ledger: { file: bundle:... }</c> check verifies today's files against: the file inside a committed
/// earlier bundle that <see cref="ReferenceBundles"/> opened and validated (committed, not invalidated, every digest of
/// its index verified, the file listed by the index): the same strict loading as a <c>bundle:</c> REF.
/// </summary>
/// <remarks>
/// An earlier ledger is a baseline only if that run held this same check itself. Otherwise a run that edited a record
/// would fail, commit, become LATEST with the edited record in its ledger, and the next run would hold against it: an
/// edit laundered by running twice. So for <c>LATEST</c> the baseline is the newest committed, non-invalidated run
/// (in LATEST's order, from the newest whatever the LATEST file says) whose results.json records this check id as passed or waived, or does not record it (a run
/// that predates the check); the runs skipped on the way are named. Every bundle on that way is read strictly: one
/// that does not validate fails the check rather than being stepped over. A run id names its baseline exactly: it must
/// have held the check.
/// </remarks>
/// <param name="Path">The ledger file inside the earlier bundle.</param>
/// <param name="RunId">The earlier run's id.</param>
/// <param name="Skipped">Newer runs that did not hold this check, so are no baseline.</param>
internal sealed record EarlierLedger(string Path, string RunId, IReadOnlyList<string> Skipped)
{
    /// <summary>"run R", and the runs skipped to reach it, as every message names the baseline.</summary>
    public string Describe(string checkId) =>
        Skipped.Count == 0 ? $"run {RunId}" : $"run {RunId}, the last to hold {checkId}; {string.Join(", ", Skipped)} did not";

    /// <summary>
    /// The earlier ledger of <paramref name="check"/>, or null with <paramref name="decided"/>: passed on a first run
    /// with <c>if-none: pass</c>, missing when the baseline's index lists no such file, failed for any other refusal.
    /// </summary>
    public static EarlierLedger? Open(LedgerCheck check, LedgerBundleFile file, CheckContext context, out CheckEvaluation? decided)
    {
        decided = null;
        var opened = context.Bundles.Open(context.BundlesDirectory, file.BundleId);
        if (opened.None && file.IfNone)
        {
            decided = CheckEvaluation.Passed($"no run was ever committed under {context.BundlesDirectory}: a first run, no earlier ledger to hold ({check.Ledger}, if-none: pass)");
            return null;
        }

        if (opened.Refusal is { } why)
        {
            decided = Refused(check, $"{check.Ledger}: {why}; expected a committed, valid earlier bundle");
            return null;
        }

        var latestId = System.IO.Path.GetFileName(opened.Directory)!;
        var candidates = file.BundleId == BundleFiles.Latest ? Candidates(context.BundlesDirectory) : [latestId];
        var skipped = new List<string>();
        foreach (var runId in candidates)
        {
            var bundle = runId == latestId ? opened : context.Bundles.Open(context.BundlesDirectory, runId);
            if (bundle.Refusal is { } refusal)
            {
                decided = Refused(check, $"{check.Ledger}: {refusal}; expected every run back to the last that held {check.Id} to be committed and valid");
                return null;
            }

            if (!HeldByRun(check, bundle.Directory!, runId, out var outcome, out decided))
            {
                if (decided is not null)
                {
                    return null;
                }

                skipped.Add($"{runId} ({outcome})");
                continue;
            }

            if (!bundle.Files.Contains(file.FilePath))
            {
                decided = CheckEvaluation.Missing($"{check.Ledger}: run {runId} has no {file.FilePath} (its artifact index does not list it); expected the ledger that run committed");
                return null;
            }

            return new EarlierLedger(System.IO.Path.Combine(bundle.Directory!, file.FilePath), runId, skipped);
        }

        var fix = file.BundleId == BundleFiles.Latest
            ? "invalidate the runs that did not (rungates bundle invalidate <run id> --reason ...) once what they reported is restored, or start the record afresh"
            : "name a run that held it";
        decided = Refused(check, $"{check.Ledger}: no earlier run holds {check.Id}, so no ledger is a baseline ({string.Join(", ", skipped)}): {fix}");
        return null;
    }

    // Committed, non-invalidated bundles, newest first in LATEST's order (committed_at, then run id). From the newest,
    // not from whatever the LATEST file names: a LATEST written back by hand to an older run must not hide a newer
    // handoff's records, and a newer committed bundle that does not validate is tampering, which fails the check.
    private static IEnumerable<string> Candidates(string bundlesDirectory) =>
        new BundleStore(bundlesDirectory).List()
            .Where(b => !b.Invalidated && b.CommittedAt is not null)
            .OrderByDescending(b => b.CommittedAt)
            .ThenByDescending(b => b.RunId, StringComparer.Ordinal)
            .Select(b => b.RunId);

    // Whether the run recorded this check id as held (passed or waived) or not at all; false with decided set when its
    // results.json cannot be read.
    private static bool HeldByRun(LedgerCheck check, string directory, string runId, out string outcome, out CheckEvaluation? decided)
    {
        decided = null;
        outcome = "";
        ResultsDocument results;
        try
        {
            results = ResultsJson.Read(System.IO.Path.Combine(directory, BundleFiles.Results));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            decided = Refused(check, $"{check.Ledger}: run {runId}'s {BundleFiles.Results} cannot be read: {e.Message}");
            return false;
        }

        if (results.FindCheck(check.Id) is not { } earlier || earlier.CountedOutcome is Outcome.Passed or Outcome.Waived)
        {
            return true;
        }

        outcome = earlier.Outcome.ToString().ToLowerInvariant();
        return false;
    }

    private static CheckEvaluation Refused(LedgerCheck check, string message) =>
        CheckEvaluation.Failed(new CheckFinding(message, check.Position));
}
