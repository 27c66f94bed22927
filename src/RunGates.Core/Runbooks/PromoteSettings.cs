using RunGates.Core.Verdicts;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>promote:</c> section: the verdict a run needs to be promotable and the packet's file name.</summary>
public sealed record PromoteSettings(Verdict Requires, string Packet, SourcePosition Position)
{
    public const string DefaultPacket = "promotion_packet.json";
}
