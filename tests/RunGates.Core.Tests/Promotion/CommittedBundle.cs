using RunGates.Core.Bundles;
using RunGates.Core.Promotion;
using RunGates.Core.Reports;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Promotion;

/// <summary>Commits a fixture's run as the pipeline does: decision into results.json, run.json, then the artifact index.</summary>
internal static class CommittedBundle
{
    /// <summary>Returns the run with its decision recorded, and the index's SHA-256.</summary>
    public static (RunResult Result, string IndexSha256) Commit(RunResult result)
    {
        var decision = PromotionDecision.Decide(ResultsJson.ToDocument(result));
        result = result with { Promotable = decision.Promotable, PromotionReasons = decision.Reasons };
        var directory = result.BundleDirectory!;
        var bundle = RunBundle.Open(Path.GetDirectoryName(directory)!, Path.GetFileName(directory), result.Manifest);
        bundle.WriteFile(ResultsJson.FileName, ResultsJson.Serialize(result));
        bundle.UpdateManifest(result.Manifest);
        return (result, bundle.Commit(TimeProvider.System));
    }

    /// <summary>Commits the run with its packet, as the pipeline does (the index names it; it is written before LATEST); returns the packet's path.</summary>
    public static string CommitWithPacket(RunResult result, DateTimeOffset emittedAt)
    {
        var decision = PromotionDecision.Decide(ResultsJson.ToDocument(result));
        result = result with { Promotable = decision.Promotable, PromotionReasons = decision.Reasons };
        var directory = result.BundleDirectory!;
        var promote = result.Runbook.Promote!;
        var bundle = RunBundle.Open(Path.GetDirectoryName(directory)!, Path.GetFileName(directory), result.Manifest);
        bundle.WriteFile(ResultsJson.FileName, ResultsJson.Serialize(result));
        bundle.Commit(TimeProvider.System, result.Manifest, promote.Packet, digest => PromotionPacketWriter.Build(result, promote, digest, emittedAt).Serialize());
        return Path.Combine(directory, promote.Packet);
    }
}
