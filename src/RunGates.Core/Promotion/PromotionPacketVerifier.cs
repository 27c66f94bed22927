using System.Text.Json;
using System.Text.Json.Nodes;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Paths;
using RunGates.Core.Reports;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Promotion;

/// <summary>
/// Verifies a bundle's promotion packet instead of trusting it: recomputes the decision from the committed results.json
/// with <see cref="PromotionDecision.Decide"/>, rebuilds the packet from the committed files with
/// <see cref="PromotionPacketWriter.Build"/>, and names every field of the packet on disk that is missing (RG4016),
/// differs (RG4017) or is unknown (RG4018). A results.json whose own verdict or decision does not follow from its checks,
/// or that run.json or the artifact index contradict, is RG4019; a packet that is not one JSON object, RG4015.
/// </summary>
/// <remarks>
/// This binds the packet to the index, and the index to every file: it catches an edited packet, not a bundle whose
/// results.json, artifact_index.json and packet were all rewritten together (the index is not signed; README says so).
/// </remarks>
public static class PromotionPacketVerifier
{
    public static PromotionPacketVerification Verify(string bundleDirectory)
    {
        var directory = Path.GetFullPath(bundleDirectory);
        var readProblems = new List<IntegrityProblem>();
        var committed = CommittedRun.Read(directory, readProblems);
        var results = committed?.Results;
        var decision = results is null ? null : PromotionDecision.Decide(results);
        var defaultPacket = Path.Combine(directory, BundleFiles.PromotionPacket);
        var packetPath = results?.Promotion is { } promotion ? Path.GetFullPath(promotion.Packet, directory) : defaultPacket;
        var indexed = IndexedPacket(directory);
        if (!File.Exists(packetPath) && !File.Exists(defaultPacket) && indexed is null)
        {
            // No packet, nothing to verify: such a run cannot be promoted, and the reasons say why.
            return new PromotionPacketVerification(results, decision, null, null, []);
        }

        var problems = readProblems;
        if (committed is null)
        {
            return new PromotionPacketVerification(null, null, null, null, problems);
        }

        CheckRecordedDecision(committed.Results, decision!, problems);
        if (committed.Index.Packet is { } named && committed.Results.Promotion?.Packet is { } recorded && ReservedBundleNames.Normalize(recorded) != named)
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketFieldDisagrees, BundleFiles.ArtifactIndex, $"names the packet {named}, but results.json records {recorded}."));
        }
        if (committed.Results.Promotion is null)
        {
            // No promote: section, so the run has no packet: one found under the default name was put there by someone else.
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketFieldDisagrees, BundleFiles.PromotionPacket,
                "results.json records no promote: section (promotion is null), so this run has no promotion packet; this one is not the run's."));
            return new PromotionPacketVerification(results, decision, null, null, problems);
        }

        if (RelativePath.Below(directory, packetPath) is not { } packetName)
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, BundleFiles.Results, $"promotion.packet \"{committed.Results.Promotion.Packet}\" leaves the bundle; expected a file inside it."));
            return new PromotionPacketVerification(results, decision, null, null, problems);
        }

        if (!File.Exists(packetPath))
        {
            // Only a packet under the default name, which is not the one this run's promote.packet names.
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketFieldDisagrees, BundleFiles.PromotionPacket,
                $"results.json records the packet as {packetName}, which does not exist; this one is not the run's."));
            return new PromotionPacketVerification(results, decision, null, null, problems);
        }

        if (packetPath != defaultPacket && File.Exists(defaultPacket))
        {
            // The run's packet is elsewhere; a file under the default name would be read by anyone who looks there first.
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketFieldDisagrees, BundleFiles.PromotionPacket,
                $"results.json records the packet as {packetName}; this one is not the run's."));
        }

        var packet = VerifyPacket(packetPath, packetName, committed, problems);
        return new PromotionPacketVerification(results, decision, packetPath, packet, problems);
    }

    /// <summary>results.json's verdict must be what its checks give, and its promotable and reasons what the one rule gives.</summary>
    private static void CheckRecordedDecision(ResultsDocument results, PromotionDecision decision, List<IntegrityProblem> problems)
    {
        var verdict = VerdictEvaluator.Evaluate(results.Checks.Select(ResultsJson.ToCheckResult));
        if (verdict != results.Verdict)
        {
            problems.Add(Inconsistent($"verdict is \"{results.Verdict.ToKeyword()}\", but its checks give \"{verdict.ToKeyword()}\"."));
        }

        if (decision.Promotable != results.Promotable)
        {
            problems.Add(Inconsistent($"promotable is {Bool(results.Promotable)}, but its verdict, checks and promotion.requires give {Bool(decision.Promotable)}."));
        }

        if (!decision.Reasons.SequenceEqual(results.PromotionReasons, StringComparer.Ordinal))
        {
            problems.Add(Inconsistent($"promotion_reasons are {Json(results.PromotionReasons)}, but its verdict, checks and promotion.requires give {Json(decision.Reasons)}."));
        }
    }

    private static PromotionPacket? VerifyPacket(string packetPath, string packetName, CommittedRun committed, List<IntegrityProblem> problems)
    {
        JsonObject actual;
        try
        {
            // Duplicate keys refused: two readers must never see two different packets in one file.
            // Read as a regular file only: a FIFO swapped in for the packet is refused, never waited on.
            if (RegularFileText.TryRead(packetPath, out var notRegular) is not { } text)
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.NotARegularFile, packetName, $"expected the bundle's own regular file; it {notRegular}, refused, not read"));
                return null;
            }

            var parsed = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (parsed is not JsonObject root)
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketUnreadable, packetName, $"expected a JSON object, found {Kind(parsed)}."));
                return null;
            }

            actual = root;
        }
        catch (JsonException e)
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketUnreadable, packetName, $"not a promotion packet: {e.Message}"));
            return null;
        }

        // emitted_at is the one field the bundle cannot give: it must be there and be a time, and is taken as written.
        var emittedAt = committed.Index.CommittedAt;
        var expected = PromotionPacketWriter.Build(committed, emittedAt);
        var expectedJson = JsonNode.Parse(expected.Serialize())!.AsObject();
        if (actual["emitted_at"] is { } emitted)
        {
            expectedJson["emitted_at"] = emitted.DeepClone();
        }

        var before = problems.Count;
        PacketFieldComparer.Compare(expectedJson, actual, packetName, problems);
        if (problems.Count > before)
        {
            return null;
        }

        try
        {
            return PromotionPacket.Read(packetPath);
        }
        catch (InvalidDataException e)
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.PacketUnreadable, packetName, e.Message));
            return null;
        }
    }

    /// <summary>The packet the artifact index names, when the index parses and names one that exists.</summary>
    private static string? IndexedPacket(string directory)
    {
        var path = Path.Combine(directory, BundleFiles.ArtifactIndex);
        string? packet;
        try
        {
            // An index that is no regular file names no packet here; the commit-state rule reports it. Only the name
            // is wanted, so the entries are checked but not kept.
            packet = File.Exists(path) ? ArtifactIndexReader.ReadPacket(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            packet = null;
        }

        return packet is not null && File.Exists(Path.Combine(directory, packet)) ? packet : null;
    }

    private static IntegrityProblem Inconsistent(string message) => new(DiagnosticCatalog.PromotionRecordInconsistent, BundleFiles.Results, message);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Json(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(v => $"\"{v}\"")) + "]";

    private static string Kind(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();
}
