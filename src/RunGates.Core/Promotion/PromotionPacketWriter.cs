using RunGates.Core.Paths;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Promotion;

/// <summary>Writes <c>promotion_packet.json</c> into a committed bundle: the envelope that carries the artifact index's digest.</summary>
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

    /// <summary>The packet for a run, without writing it.</summary>
    public static PromotionPacket Build(RunResult result, PromoteSettings settings, string indexSha256, DateTimeOffset emittedAt)
    {
        var decision = PromotionDecision.Decide(result, settings);
        return new PromotionPacket
        {
            RunId = result.Manifest.RunId,
            Runbook = result.Runbook.Name,
            Verdict = result.Verdict,
            VerdictName = result.VerdictName,
            GitSha = result.Manifest.GitSha,
            GitDirty = result.Manifest.GitDirty,
            SpecDigest = result.Manifest.SpecDigest,
            Ledger = result.LedgerPath is { } ledger && File.Exists(ledger) ? new PromotionFileDigest(LedgerName(ledger, result.BundleDirectory), HashFile(ledger)) : null,
            ArtifactIndex = new PromotionFileDigest(PromotionPacket.ArtifactIndexFile, indexSha256),
            Checks = result.Checks.Select(Check).ToList(),
            Verifier = result.Manifest.Verifier,
            EmittedAt = emittedAt.ToUniversalTime(),
            Promotable = decision.Promotable,
            Reasons = decision.Reasons,
        };
    }

    // An infeasible check lists its records' reasons (each finding is one record: "path: infeasible: reason").
    private static PromotionCheck Check(Verdicts.CheckResult check) => check.Outcome == Checks.Outcome.Infeasible
        ? new PromotionCheck(check.Id, check.Phase, check.Severity, check.Outcome, Reports.ReportText.CountsAs(check.InfeasibleCountsAs), check.Findings.Select(f => f.Message).ToList())
        : new PromotionCheck(check.Id, check.Phase, check.Severity, check.Outcome);

    private static string LedgerName(string ledger, string? bundle) =>
        Reports.RunPaths.RelativeTo(Path.GetFullPath(ledger), bundle is null ? null : Path.GetFullPath(bundle));

    private static string HashFile(string path) => Ledgers.Sha256FileHasher.Hash(path).Sha256!;
}
