using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Promotion;

/// <summary>Writes <c>promotion_packet.json</c> into a committed bundle: the envelope that carries the artifact index's digest.</summary>
public static class PromotionPacketWriter
{
    /// <summary>Writes the packet and returns its full path.</summary>
    public static string Write(RunResult result, PromoteSettings settings, string indexSha256, DateTimeOffset emittedAt) => throw new NotImplementedException();
}
