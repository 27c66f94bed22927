using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Promotion;

/// <summary>
/// Makes <c>promotion_packet.json</c>, the envelope that carries the artifact index's digest, from the committed files
/// only (<see cref="CommittedRun"/>): the same function <see cref="PromotionPacketVerifier"/> uses to check one.
/// <see cref="Bundles.RunBundle.Commit(TimeProvider, RunManifest, string?, Func{string, string}?, Action{Bundles.CommitPoint}?)"/>
/// writes it, after the index and before LATEST.
/// </summary>
public static class PromotionPacketWriter
{
    /// <summary>
    /// The packet for <paramref name="result"/>'s bundle once its artifact index (SHA-256 <paramref name="indexSha256"/>)
    /// is written: made from the committed files in the bundle, never from <paramref name="result"/>'s own fields.
    /// </summary>
    public static PromotionPacket Build(RunResult result, PromoteSettings settings, string indexSha256, DateTimeOffset emittedAt)
    {
        var bundle = Path.GetFullPath(result.BundleDirectory
            ?? throw new InvalidOperationException($"Run {result.Manifest.RunId} has no bundle; a promotion packet is made only from a committed bundle ({settings.Position})."));
        var problems = new List<Ledgers.IntegrityProblem>();
        var committed = CommittedRun.Read(bundle, problems)
            ?? throw new InvalidOperationException($"bundle {bundle} cannot back a promotion packet: {string.Join("; ", problems)}");
        if (!string.Equals(committed.IndexSha256, indexSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{bundle}: artifact_index.json changed after commit (SHA-256 {committed.IndexSha256}, committed as {indexSha256}); no packet written.");
        }

        return Build(committed, emittedAt);
    }

    /// <summary>
    /// The packet a committed run gets: every field copied from results.json, run.json and the artifact index, so a
    /// verifier holding the same bundle builds the same packet (but for <c>emitted_at</c>, the one field it cannot know).
    /// </summary>
    public static PromotionPacket Build(CommittedRun committed, DateTimeOffset emittedAt)
    {
        var results = committed.Results;
        var manifest = committed.Manifest;
        return new PromotionPacket
        {
            RunId = committed.Index.RunId,
            Runbook = results.Runbook,
            Verdict = results.Verdict,
            VerdictName = results.VerdictName,
            GitSha = manifest.GitSha,
            GitDirty = manifest.GitDirty,
            SpecDigest = manifest.SpecDigest,
            Ledger = committed.Ledger,
            ArtifactIndex = new PromotionFileDigest(PromotionPacket.ArtifactIndexFile, committed.IndexSha256),
            Checks = results.Checks.Select(Check).ToList(),
            Verifier = manifest.Verifier,
            EmittedAt = emittedAt.ToUniversalTime(),
            Promotable = results.Promotable,
            Reasons = results.PromotionReasons,
        };
    }

    // An infeasible check lists what it counts as and its records' reasons (each finding is one record: "path: infeasible: reason").
    private static PromotionCheck Check(Reports.ResultsCheck check) => check.Outcome == Checks.Outcome.Infeasible
        ? new PromotionCheck(check.Id, check.Phase, check.Severity, check.Outcome, check.CountsAs, check.Findings.Select(f => f.Message).ToList())
        : new PromotionCheck(check.Id, check.Phase, check.Severity, check.Outcome);
}
