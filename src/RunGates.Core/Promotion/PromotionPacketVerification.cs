using RunGates.Core.Ledgers;
using RunGates.Core.Reports;

namespace RunGates.Core.Promotion;

/// <summary>
/// What <see cref="PromotionPacketVerifier"/> found: the committed results.json, the promotion decision recomputed from
/// it, the packet (null when the bundle has none) and every way the packet or the record behind it fails to agree.
/// </summary>
public sealed record PromotionPacketVerification(
    ResultsDocument? Results,
    PromotionDecision? Decision,
    string? PacketPath,
    PromotionPacket? Packet,
    IReadOnlyList<IntegrityProblem> Problems)
{
    /// <summary>A packet exists and agrees, field for field, with the one the committed bundle gives.</summary>
    public bool PacketVerified => Packet is not null && Problems.Count == 0;
}
