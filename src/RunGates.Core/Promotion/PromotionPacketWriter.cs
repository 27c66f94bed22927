using RunGates.Core.Paths;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Promotion;

/// <summary>
/// Writes <c>promotion_packet.json</c> into a committed bundle: the envelope that carries the artifact index's digest.
/// The packet is made from the committed files only (<see cref="CommittedRun"/>), by <see cref="Build"/>, the same
/// function <see cref="PromotionPacketVerifier"/> uses to check one.
/// </summary>
public static class PromotionPacketWriter
{
    /// <summary>Writes the packet and returns its full path.</summary>
    public static string Write(RunResult result, PromoteSettings settings, string indexSha256, DateTimeOffset emittedAt)
    {
        var bundle = result.BundleDirectory
            ?? throw new InvalidOperationException($"Run {result.Manifest.RunId} has no bundle; a promotion packet is written only into a committed bundle.");
        var bundleRoot = Path.GetFullPath(bundle);
        var path = Path.GetFullPath(settings.Packet, bundleRoot);
        if (RelativePath.Below(bundleRoot, path) is null)
        {
            throw new InvalidOperationException($"{settings.Position}: promote.packet \"{settings.Packet}\" leaves the bundle {bundleRoot}; expected a file name inside it.");
        }

        var packet = Build(result, settings, indexSha256, emittedAt);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Temp file beside the target, then rename: a reader sees the old packet or the whole new one, never half.
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(packet.Serialize());
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return path;
    }

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
