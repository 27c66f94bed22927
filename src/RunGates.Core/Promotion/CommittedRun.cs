using System.Text.Json;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Paths;
using RunGates.Core.Reports;
using RunGates.Core.Runs;

namespace RunGates.Core.Promotion;

/// <summary>
/// The committed files a promotion packet is made from and verified against: results.json and run.json (both covered by
/// the artifact index's digests), the index itself and its SHA-256, and the ledger's digest as the index lists it.
/// Nothing else goes into a packet, so writing one and verifying one are the same computation.
/// </summary>
public sealed record CommittedRun(ResultsDocument Results, RunManifest Manifest, ArtifactIndex Index, string IndexSha256, PromotionFileDigest? Ledger)
{
    /// <summary>Reads the committed files of <paramref name="bundleDirectory"/>; null, with the reasons in <paramref name="problems"/>, when one cannot back a packet.</summary>
    public static CommittedRun? Read(string bundleDirectory, ICollection<IntegrityProblem> problems)
    {
        var before = problems.Count;
        var index = ReadIndex(bundleDirectory, problems, out var indexSha256);
        var results = ReadResults(bundleDirectory, problems);
        var manifest = ReadManifest(bundleDirectory, problems);
        if (index is null || results is null || manifest is null)
        {
            return null;
        }

        if (results.RunId != index.RunId)
        {
            problems.Add(Inconsistent(BundleFiles.Results, $"run_id is '{results.RunId}', but {BundleFiles.ArtifactIndex} commits run '{index.RunId}'."));
        }

        if (manifest.RunId != index.RunId)
        {
            problems.Add(Inconsistent(BundleFiles.RunJson, $"run_id is '{manifest.RunId}', but {BundleFiles.ArtifactIndex} commits run '{index.RunId}'."));
        }

        PromotionFileDigest? ledger = null;
        if (results.Ledger is { } ledgerFile)
        {
            if (index.Files.FirstOrDefault(f => f.Path == ledgerFile) is { } entry)
            {
                ledger = new PromotionFileDigest(entry.Path, entry.Sha256);
            }
            else
            {
                problems.Add(Inconsistent(BundleFiles.Results, $"ledger names '{ledgerFile}', which {BundleFiles.ArtifactIndex} does not list."));
            }
        }

        return problems.Count == before ? new CommittedRun(results, manifest, index, indexSha256!, ledger) : null;
    }

    private static ArtifactIndex? ReadIndex(string bundleDirectory, ICollection<IntegrityProblem> problems, out string? sha256)
    {
        sha256 = null;
        var path = Path.Combine(bundleDirectory, BundleFiles.ArtifactIndex);
        if (!File.Exists(path))
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.BundleUncommitted, BundleFiles.ArtifactIndex, $"expected {BundleFiles.ArtifactIndex}, found none: the bundle was never committed"));
            return null;
        }

        var reading = ArtifactIndex.Read(path);
        if (reading.NotRegular is { } notRegular)
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.NotARegularFile, BundleFiles.ArtifactIndex, $"expected the bundle's own regular file; it {notRegular}, refused, not read"));
            return null;
        }

        if (reading.Index is not { } index)
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.MalformedArtifactIndex, BundleFiles.ArtifactIndex, $"cannot be read: {reading.Error}"));
            return null;
        }

        sha256 = Sha256FileHasher.Hash(path).Sha256!;
        return index;
    }

    private static ResultsDocument? ReadResults(string bundleDirectory, ICollection<IntegrityProblem> problems)
    {
        try
        {
            return ResultsJson.Read(Path.Combine(bundleDirectory, BundleFiles.Results));
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            problems.Add(Inconsistent(BundleFiles.Results, $"cannot be read: {e.Message}"));
            return null;
        }
    }

    private static RunManifest? ReadManifest(string bundleDirectory, ICollection<IntegrityProblem> problems)
    {
        var path = Path.Combine(bundleDirectory, BundleFiles.RunJson);
        try
        {
            if (RegularFileText.TryRead(path, out var notRegular) is not { } text)
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.NotARegularFile, BundleFiles.RunJson, $"expected the bundle's own regular file; it {notRegular}, refused, not read"));
                return null;
            }

            return RunManifestJson.Deserialize(text);
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException)
        {
            problems.Add(Inconsistent(BundleFiles.RunJson, $"cannot be read: {e.Message}"));
            return null;
        }
    }

    private static IntegrityProblem Inconsistent(string file, string message) => new(DiagnosticCatalog.PromotionRecordInconsistent, file, message);
}
