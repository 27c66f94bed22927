using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Promotion;

namespace RunGates.Core.Bundles;

/// <summary>
/// Recomputes every digest of a bundle's artifact_index.json. A bundle that was never committed, or whose commit stopped
/// short, is refused by <see cref="BundleCommitState"/>'s rule (RG4005, RG4008, RG4021); then each altered (RG4001),
/// missing (RG4002) or extra (RG4003) file is named. Only the index itself and the packet it names are not listed.
/// Then the promotion packet, when there is one, by <see cref="PromotionPacketVerifier"/> (RG4015–RG4019).
/// </summary>
public static class BundleValidator
{
    public static BundleValidation Validate(string bundleDirectory, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(bundleDirectory);
        if (!Directory.Exists(directory))
        {
            return new BundleValidation(directory, null, [new IntegrityProblem(DiagnosticCatalog.BundleNotFound, directory, "expected a bundle folder, found nothing")]);
        }

        // The index, run.json and results.json are read whole below (and by the packet's verifier): a FIFO or device
        // swapped in for one would block that read for ever, so each is looked at first, without blocking.
        if (NonRegular(directory, [BundleFiles.ArtifactIndex, BundleFiles.RunJson, BundleFiles.Results]) is { Count: > 0 } refused)
        {
            return new BundleValidation(directory, null, refused);
        }

        var state = BundleCommitState.Read(directory);
        if (state.Problem is { } problem)
        {
            return new BundleValidation(directory, null, [problem]);
        }

        var index = state.Index!;
        // Each record is made as the verifier reaches it, not all at once: the index's compact entries are the only copy.
        var records = new IndexRecords(index.Files);
        var verification = LedgerVerifier.Verify(directory, records, BundleFiles.ArtifactIndex, reportUnlisted: true, [BundleFiles.ArtifactIndex], cancellationToken: cancellationToken);
        var packet = index.Packet?.Replace('\\', '/');
        if (packet is not null && RootedPath.Refusal(packet) is null && NonRegular(directory, [packet]) is { Count: > 0 } refusedPacket)
        {
            return new BundleValidation(directory, index, [.. verification.Problems.Where(p => p.Path != packet), .. refusedPacket]);
        }

        // The packet is named exactly rather than as a glob, so no name can hide other files behind a pattern.
        var problems = verification.Problems.Where(p => !(p.Diagnostic == DiagnosticCatalog.FileUnlisted && p.Path == packet)).ToList();

        // The packet sits outside the index (it carries the index's digest), so it is verified on its own, whenever the
        // bundle has one: rebuilt from the committed results.json, run.json and index, never taken at its word.
        var promotion = PromotionPacketVerifier.Verify(directory);
        return new BundleValidation(directory, index, [.. problems, .. promotion.Problems], promotion);
    }

    /// <summary>An RG4030 problem for each of <paramref name="names"/> that exists in the bundle but is not a regular file.</summary>
    private static List<IntegrityProblem> NonRegular(string directory, IEnumerable<string> names)
    {
        var problems = new List<IntegrityProblem>();
        foreach (var name in names)
        {
            try
            {
                using var handle = Paths.RegularFile.TryOpenRead(Path.Combine(directory, name), out var problem);
                if (handle is null)
                {
                    problems.Add(new IntegrityProblem(DiagnosticCatalog.NotARegularFile, name, $"expected the bundle's own regular file; it {problem}, refused, not read"));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Missing or unreadable: the commit-state rule and the index verification below say so in their words.
            }
        }

        return problems;
    }
}
