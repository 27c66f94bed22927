using RunGates.Core.Ledgers;

namespace RunGates.Core.Promotion;

/// <summary>
/// What <see cref="BundlePromoter"/> found about one bundle: integrity problems (the bundle or the packet's digests do
/// not verify) and reasons the run may not be promoted. Promotable only when there are neither.
/// </summary>
public sealed record PromotionReview(string BundleDirectory, PromotionPacket? Packet, IReadOnlyList<IntegrityProblem> Problems, IReadOnlyList<string> Reasons)
{
    public bool Promotable => Problems.Count == 0 && Reasons.Count == 0 && Packet is { Promotable: true };

    /// <summary>The packet file, when the bundle has one.</summary>
    public string? PacketPath => Packet is null ? null : Path.Combine(BundleDirectory, Bundles.BundleFiles.PromotionPacket);
}
