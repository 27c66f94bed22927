using RunGates.Core.Ledgers;

namespace RunGates.Core.Promotion;

/// <summary>
/// What <see cref="BundlePromoter"/> found about one bundle: integrity problems (the bundle, its packet or the record
/// behind it does not verify, or it was invalidated) and reasons the run may not be promoted. Promotable only when there
/// are neither and the verified packet says so.
/// </summary>
public sealed record PromotionReview(string BundleDirectory, PromotionPacket? Packet, string? PacketPath, IReadOnlyList<IntegrityProblem> Problems, IReadOnlyList<string> Reasons)
{
    public bool Promotable => Problems.Count == 0 && Reasons.Count == 0 && Packet is { Promotable: true };
}
