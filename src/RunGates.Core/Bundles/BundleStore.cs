using System.Text;
using System.Text.Json;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runs;

namespace RunGates.Core.Bundles;

/// <summary>
/// The bundles folder of a runbook: lists bundles, resolves <c>LATEST</c>, an id or a path, and invalidates bundles.
/// It never edits or deletes a committed bundle: invalidation appends to <c>status.jsonl</c> and moves <c>LATEST</c>.
/// </summary>
public sealed class BundleStore(string bundlesDirectory)
{
    public string BundlesDirectory { get; } = Path.GetFullPath(bundlesDirectory);

    private string LatestPath => Path.Combine(BundlesDirectory, BundleFiles.Latest);

    private string StatusPath => Path.Combine(BundlesDirectory, BundleFiles.Status);

    /// <summary>The run id LATEST names, or null when there is none.</summary>
    public string? Latest()
    {
        if (!File.Exists(LatestPath))
        {
            return null;
        }

        var id = File.ReadAllText(LatestPath).Trim();
        return id.Length == 0 ? null : id;
    }

    /// <summary>
    /// The bundle folder <paramref name="reference"/> means, by <see cref="BundleReference"/>'s rule: an existing folder
    /// (against <paramref name="workingDirectory"/>, by default the bundles folder), a run id here, or LATEST.
    /// </summary>
    public string Resolve(string? reference, string? workingDirectory = null) =>
        BundleReference.Resolve(reference, workingDirectory ?? BundlesDirectory, () => this);

    /// <summary>The folder LATEST names. Throws RG4007 when there is no LATEST or its folder is gone.</summary>
    internal string LatestDirectory()
    {
        var latest = Latest() ?? throw new BundleException(DiagnosticCatalog.BundleNotFound,
            $"expected {LatestPath} naming a committed bundle, found none: no run has been committed here");
        var directory = Path.Combine(BundlesDirectory, latest);
        return Directory.Exists(directory)
            ? directory
            : throw new BundleException(DiagnosticCatalog.BundleNotFound, $"{LatestPath} names '{latest}', but {directory} does not exist");
    }

    /// <summary>The folder of run <paramref name="runId"/> here, or null when it is no plain name or has no folder.</summary>
    internal string? RunDirectory(string runId) =>
        runId.IndexOfAny(['/', '\\']) < 0 && runId is not ("." or "..") && Directory.Exists(Path.Combine(BundlesDirectory, runId))
            ? Path.Combine(BundlesDirectory, runId)
            : null;

    /// <summary>Every bundle (a folder holding run.json), ordered by run id.</summary>
    public IReadOnlyList<BundleSummary> List()
    {
        if (!Directory.Exists(BundlesDirectory))
        {
            return [];
        }

        var invalidations = ReadStatus().Where(s => s.Action == BundleStatusEntry.InvalidateAction).GroupBy(s => s.RunId).ToDictionary(g => g.Key, g => g.Last());
        var latest = Latest();
        return Directory.EnumerateDirectories(BundlesDirectory)
            .Where(d => File.Exists(Path.Combine(d, BundleFiles.RunJson)))
            .Select(d =>
            {
                var id = Path.GetFileName(d);
                var committedAt = ReadIndex(d)?.CommittedAt;
                invalidations.TryGetValue(id, out var invalidation);
                return new BundleSummary(id, d, committedAt is null ? RunManifest.InProgress : RunManifest.Committed, committedAt, ReadVerdict(d),
                    invalidation is not null, invalidation?.Reason, id == latest);
            })
            .OrderBy(s => s.RunId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The lines of status.jsonl; a line that does not parse is skipped.</summary>
    public IReadOnlyList<BundleStatusEntry> ReadStatus()
    {
        if (!File.Exists(StatusPath))
        {
            return [];
        }

        var entries = new List<BundleStatusEntry>();
        foreach (var line in File.ReadAllLines(StatusPath).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            try
            {
                if (JsonSerializer.Deserialize(line, BundleJson.TypeInfo<BundleStatusEntry>()) is { RunId: not null } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // A damaged line says nothing reliable; the rest of the record still counts.
            }
        }

        return entries;
    }

    /// <summary>The latest invalidation recorded for <paramref name="runId"/>, or null when it was never invalidated.</summary>
    public BundleStatusEntry? FindInvalidation(string runId) =>
        ReadStatus().LastOrDefault(s => s.RunId == runId && s.Action == BundleStatusEntry.InvalidateAction);

    /// <summary>
    /// Records that <paramref name="runId"/> must no longer be used (a line appended to status.jsonl), then points LATEST
    /// at the newest committed, valid, non-invalidated bundle, or removes it when there is none. Returns LATEST's new id.
    /// </summary>
    public string? Invalidate(string runId, string reason, string by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("an invalidation needs a reason", nameof(reason));
        }

        var directory = Path.Combine(BundlesDirectory, runId);
        if (runId.IndexOfAny(['/', '\\']) >= 0 || !File.Exists(Path.Combine(directory, BundleFiles.RunJson)))
        {
            throw new BundleException(DiagnosticCatalog.BundleNotFound, $"expected a bundle '{runId}' in {BundlesDirectory}, found none");
        }

        var entry = new BundleStatusEntry(runId, BundleStatusEntry.InvalidateAction, reason, by, at);
        var line = JsonSerializer.Serialize(entry, BundleJson.TypeInfo<BundleStatusEntry>(BundleJson.Compact)) + "\n";
        using (var stream = new FileStream(StatusPath, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            // One write of the whole line, so concurrent appenders never interleave inside a line.
            stream.Write(new UTF8Encoding(false).GetBytes(line));
            stream.Flush(flushToDisk: true);
        }

        return RollLatest();
    }

    private string? RollLatest()
    {
        var next = List()
            .Where(b => b.CommittedAt is not null && !b.Invalidated)
            .OrderByDescending(b => b.CommittedAt)
            .ThenByDescending(b => b.RunId, StringComparer.Ordinal)
            .FirstOrDefault(b => BundleValidator.Validate(b.Directory).Succeeded);
        if (next is null)
        {
            File.Delete(LatestPath);
            return null;
        }

        AtomicFile.Write(LatestPath, next.RunId + "\n");
        return next.RunId;
    }

    private static ArtifactIndex? ReadIndex(string directory)
    {
        var path = Path.Combine(directory, BundleFiles.ArtifactIndex);
        return File.Exists(path) && ArtifactIndex.TryParse(File.ReadAllText(path), out var index, out _) ? index : null;
    }

    private static string? ReadVerdict(string directory)
    {
        var path = Path.Combine(directory, BundleFiles.Results);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("verdict", out var verdict) && verdict.ValueKind == JsonValueKind.String
                ? verdict.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
