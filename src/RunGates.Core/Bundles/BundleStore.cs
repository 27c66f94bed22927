using System.Text;
using System.Text.Json;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Paths;
using RunGates.Core.Runs;

namespace RunGates.Core.Bundles;

/// <summary>
/// The bundles folder of a runbook: lists bundles, resolves <c>LATEST</c>, an id or a path, and invalidates bundles.
/// It never edits or deletes a committed bundle: invalidation appends to <c>status.jsonl</c> and moves <c>LATEST</c>.
/// Every change of bundle state (a line of status.jsonl, a commit, LATEST) happens here or in
/// <see cref="RunBundle.Commit"/> under one lock, <c>.rungates-lock</c> beside the bundles, taken within
/// <paramref name="lockTimeout"/> (default 60 s) or refused with RG4020.
/// </summary>
public sealed class BundleStore(string bundlesDirectory, TimeSpan? lockTimeout = null)
{
    public string BundlesDirectory { get; } = Path.GetFullPath(bundlesDirectory);

    /// <summary>Where files bound for a bundle or LATEST are written before their rename.</summary>
    internal string TemporaryDirectory => Path.Combine(BundlesDirectory, BundleFiles.TemporaryFolder);

    /// <summary>Takes the lock that serialises every change of bundle state; throws RG4020 when it stays busy.</summary>
    internal BundleLock Lock() => BundleLock.Acquire(BundlesDirectory, lockTimeout ?? BundleLock.DefaultTimeout);

    private string LatestPath => Path.Combine(BundlesDirectory, BundleFiles.Latest);

    private string StatusPath => Path.Combine(BundlesDirectory, BundleFiles.Status);

    /// <summary>
    /// The run id LATEST names, or null when there is none. LATEST is read as a regular file only (a FIFO swapped in
    /// would block the read for ever): anything else is RG4030 naming it.
    /// </summary>
    public string? Latest()
    {
        string? text;
        string? notRegular;
        try
        {
            text = RegularFileText.TryRead(LatestPath, out notRegular);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (text is null)
        {
            throw new BundleException(DiagnosticCatalog.NotARegularFile, $"expected {BundleFiles.Latest} beside the bundles to be a regular file naming a run; it {notRegular}, refused, not read") { File = LatestPath };
        }

        var id = text.Trim();
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
                var state = BundleCommitState.Read(d);
                invalidations.TryGetValue(id, out var invalidation);
                return new BundleSummary(id, d, state.State, state.Committed ? state.Index!.CommittedAt : null, ReadVerdict(d),
                    invalidation is not null, invalidation?.Reason, id == latest);
            })
            .OrderBy(s => s.RunId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The entries of status.jsonl, by <see cref="BundleStatusLog"/>'s strict rule: a log that cannot be read is RG4032
    /// (a <see cref="BundleException"/> at its line), never "no invalidations".
    /// </summary>
    public IReadOnlyList<BundleStatusEntry> ReadStatus() => BundleStatusLog.Read(StatusPath);

    /// <summary>
    /// The latest invalidation recorded for <paramref name="runId"/>, or null when it was never invalidated. Throws
    /// RG4032 when status.jsonl cannot be read (see <see cref="StatusProblem"/> for callers that list problems).
    /// </summary>
    public BundleStatusEntry? FindInvalidation(string runId) =>
        ReadStatus().LastOrDefault(s => s.RunId == runId && s.Action == BundleStatusEntry.InvalidateAction);

    /// <summary>
    /// The RG4032 problem of <paramref name="e"/> (thrown by <see cref="ReadStatus"/> or <see cref="FindInvalidation"/>)
    /// as an integrity problem at status.jsonl's line, for readers that report every problem of a bundle together.
    /// </summary>
    public static IntegrityProblem StatusProblem(BundleException e) =>
        new(e.Diagnostic, e.File ?? BundleFiles.Status, e.Message, e.Line, e.Column);

    /// <summary>
    /// Records that <paramref name="runId"/> must no longer be used (a line appended to status.jsonl), then points LATEST
    /// at the newest committed, valid, non-invalidated bundle, or removes it when there is none. Returns LATEST's new id.
    /// Only a committed bundle can be invalidated (RG4023): an uncommitted one is no evidence yet, and refusing it means
    /// no record can ever be made before a commit that would then ignore it.
    /// </summary>
    public string? Invalidate(string runId, string reason, string by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("an invalidation needs a reason", nameof(reason));
        }

        var directory = Path.Combine(BundlesDirectory, runId);
        if (runId.IndexOfAny(['/', '\\']) >= 0 || runId is "." or ".." || !File.Exists(Path.Combine(directory, BundleFiles.RunJson)))
        {
            throw new BundleException(DiagnosticCatalog.BundleNotFound, $"expected a bundle '{runId}' in {BundlesDirectory}, found none");
        }

        var line = JsonSerializer.Serialize(new BundleStatusEntry(runId, BundleStatusEntry.InvalidateAction, reason, by, at), BundleJson.TypeInfo<BundleStatusEntry>(BundleJson.Compact)) + "\n";
        using var held = Lock();

        // A log that cannot be read is refused before anything is appended: LATEST would be recomputed from it next.
        _ = ReadStatus();

        // Checked under the lock, where no commit can be half way: the bundle is committed or it is not.
        if (BundleCommitState.Read(directory) is { Problem: { } problem })
        {
            throw new BundleException(DiagnosticCatalog.InvalidateUncommitted,
                $"cannot invalidate '{runId}': it is not committed ({problem.Path}: {problem.Message}); only a committed bundle can be invalidated, and an uncommitted one never becomes LATEST");
        }

        using (var stream = new FileStream(StatusPath, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            // Under the lock no other writer appends, so the seek to the end that Append makes is the end; one write
            // of the whole line and a flush to disk before LATEST moves, so the record outlives a crash.
            stream.Write(new UTF8Encoding(false).GetBytes(line));
            stream.Flush(flushToDisk: true);
        }

        return MoveLatest();
    }

    /// <summary>
    /// Points LATEST at the newest committed, valid, non-invalidated bundle, or removes it when there is none; the caller
    /// holds <see cref="Lock"/>. Newest means the greatest <c>committed_at</c> of the artifact index (the same instant
    /// run.json records), then the greatest run id by ordinal order, so every process computes the same LATEST from
    /// the same folder whatever order the commits came in. LATEST is rewritten only when it changes (compare, then
    /// swap by rename), and always from the whole folder, never from "this run is newer". <paramref name="justCommitted"/>
    /// is the bundle this process has just indexed from its own files: it is not hashed a second time,
    /// so a large commit does not hold the lock twice as long.
    /// </summary>
    internal string? MoveLatest(string? justCommitted = null)
    {
        var invalidated = ReadStatus().Where(s => s.Action == BundleStatusEntry.InvalidateAction).Select(s => s.RunId).ToHashSet(StringComparer.Ordinal);
        string? next = !Directory.Exists(BundlesDirectory) ? null : Directory.EnumerateDirectories(BundlesDirectory)
            .Select(d => (Id: Path.GetFileName(d), Directory: d))
            .Where(b => !invalidated.Contains(b.Id) && File.Exists(Path.Combine(b.Directory, BundleFiles.RunJson)))
            .Select(b => (b.Id, b.Directory, State: BundleCommitState.Read(b.Directory)))
            .Where(b => b.State.Committed)
            .OrderByDescending(b => b.State.Index!.CommittedAt)
            .ThenByDescending(b => b.Id, StringComparer.Ordinal)
            .FirstOrDefault(b => b.Id == justCommitted || BundleValidator.Validate(b.Directory).Succeeded).Id;
        var current = Latest();
        if (next == current)
        {
            return next;
        }

        if (next is null)
        {
            File.Delete(LatestPath);
            return null;
        }

        AtomicFile.Write(LatestPath, next + "\n", TemporaryDirectory, overwrite: true);
        return next;
    }

    private static string? ReadVerdict(string directory)
    {
        try
        {
            // Read as a regular file only: a FIFO swapped in for results.json must not block `bundle list`.
            if (RegularFileText.TryRead(Path.Combine(directory, BundleFiles.Results), out _) is not { } text)
            {
                return null;
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("verdict", out var verdict) && verdict.ValueKind == JsonValueKind.String
                ? verdict.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
