using System.Text.Json;
using RunGates.Core.Paths;
using RunGates.Core.Reports;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Promotion;

/// <summary>
/// <c>promotion_packet.json</c>: the envelope that carries the artifact index's digest, with the run's verdict, git
/// commit, spec digest, ledger digest and every check's outcome. What <see cref="PromotionPacketWriter"/> writes and
/// <see cref="Read"/> returns. Never trusted on its own: <see cref="PromotionPacketVerifier"/> rebuilds it from the
/// committed bundle and refuses one that differs in any field.
/// </summary>
public sealed record PromotionPacket
{
    public const string ArtifactIndexFile = "artifact_index.json";

    public required string RunId { get; init; }

    public required string Runbook { get; init; }

    public required Verdict Verdict { get; init; }

    public required string VerdictName { get; init; }

    /// <summary>Null when the runbook is not in a git work tree.</summary>
    public string? GitSha { get; init; }

    public bool? GitDirty { get; init; }

    public required string SpecDigest { get; init; }

    /// <summary>The ledger in the bundle and its digest; null when the run wrote none.</summary>
    public PromotionFileDigest? Ledger { get; init; }

    public required PromotionFileDigest ArtifactIndex { get; init; }

    public IReadOnlyList<PromotionCheck> Checks { get; init; } = [];

    public required ToolIdentity Verifier { get; init; }

    public required DateTimeOffset EmittedAt { get; init; }

    public bool Promotable { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public string Serialize() => JsonSerializer.Serialize(this, ReportJson.TypeInfo<PromotionPacket>()) + "\n";

    /// <summary>Reads a packet; a file that is not one is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static PromotionPacket Read(string path)
    {
        var text = RegularFileText.TryRead(path, out var notRegular)
            ?? throw new InvalidDataException($"{path}: expected a promotion packet as a regular file; it {notRegular}, refused, not read.");
        try
        {
            return JsonSerializer.Deserialize(text, ReportJson.TypeInfo<PromotionPacket>())
                ?? throw new InvalidDataException($"{path}: expected a promotion packet object, found null.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"({line + 1},{(e.BytePositionInLine ?? 0) + 1})" : "";
            throw new InvalidDataException($"{path}{where}: not a promotion packet: {e.Message}", e);
        }
    }
}
