using System.Text;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Runs;

namespace RunGates.Core.Bundles;

/// <summary>
/// One run's bundle folder, <c>&lt;bundles&gt;/&lt;run_id&gt;/</c>, from creation (run.json in state in_progress) to commit
/// (run.json final, then artifact_index.json, then the promotion packet, then LATEST: see <see cref="Commit(TimeProvider, RunManifest, string?, Func{string, string}?, Action{CommitPoint}?)"/>).
/// RunGates never overwrites a file it did not write: a step that wrote one of RunGates' own files makes the write or
/// the commit fail with RG4022, and the bundle stays uncommitted.
/// </summary>
public sealed class RunBundle
{
    private readonly BundleStore _store;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private RunManifest _manifest;
    private string _manifestText;
    private bool _committed;

    private RunBundle(BundleStore store, string runId, string directory, RunManifest manifest, string manifestText)
    {
        _store = store;
        RunId = runId;
        Directory = directory;
        _manifest = manifest;
        _manifestText = manifestText;
    }

    /// <summary>The run id, with a suffix when the template's folder already existed.</summary>
    public string RunId { get; }

    public string Directory { get; }

    /// <summary>
    /// Creates the bundle folder (never reusing one) and writes run.json in state in_progress. The claim on a folder is
    /// the creation of its run.json with <see cref="FileMode.CreateNew"/>, which the file system grants to exactly one
    /// caller, so two processes opening the same id at once get distinct folders (<c>id</c>, <c>id-2</c>, <c>id-3</c>...).
    /// </summary>
    public static RunBundle Open(string bundlesDirectory, string runId, RunManifest manifest, TimeSpan? lockTimeout = null)
    {
        if (RefuseRunId(runId) is { } refusal)
        {
            throw new ArgumentException($"run id '{runId}' {refusal}; expected one folder name", nameof(runId));
        }

        var store = new BundleStore(bundlesDirectory, lockTimeout);
        var bundles = store.BundlesDirectory;
        Unwritable(bundles, bundles, () => System.IO.Directory.CreateDirectory(bundles));
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? runId : $"{runId}-{n}";
            var directory = Path.Combine(bundles, id);
            if (File.Exists(directory))
            {
                continue;
            }

            var created = !System.IO.Directory.Exists(directory);
            Unwritable(bundles, directory, () => System.IO.Directory.CreateDirectory(directory));
            var runJson = Path.Combine(directory, BundleFiles.RunJson);
            FileStream stream;
            try
            {
                stream = new FileStream(runJson, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(runJson))
            {
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing of this run is left behind: the folder made for it a moment ago goes again (it is empty).
                if (created)
                {
                    try
                    {
                        System.IO.Directory.Delete(directory);
                    }
                    catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
                    {
                        // Left empty; the error below still says what failed.
                    }
                }

                throw CannotOpen(bundles, runJson, e);
            }

            var opened = manifest with { RunId = id, State = RunManifest.InProgress, CommittedAt = null };
            var text = RunManifestJson.Serialize(opened);
            using (stream)
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            return new RunBundle(store, id, directory, opened, text);
        }
    }

    /// <summary>
    /// Writes a file inside the bundle, creating its folders; refused after commit, outside the bundle, and (RG4022) onto
    /// a file RunGates did not write itself, so a step's file is never overwritten.
    /// </summary>
    public void WriteFile(string relativePath, string text)
    {
        var (normalized, full) = Writable(relativePath);
        // A ledger line naming a file that is not UTF-8 is written with its bytes (Ledgers/EscapedUtf8Encoding).
        File.WriteAllText(full, text, Ledgers.EscapedUtf8Encoding.Instance);
        _written.Add(normalized);
    }

    /// <summary>
    /// As <see cref="WriteFile(string, string)"/>, the bytes written by <paramref name="write"/> as they come, so a large
    /// file (a ledger of 200,000 lines) is never held whole as text first.
    /// </summary>
    public void WriteFile(string relativePath, Action<Stream> write)
    {
        var (normalized, full) = Writable(relativePath);
        using (var stream = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        {
            write(stream);
        }

        _written.Add(normalized);
    }

    /// <summary>Where <see cref="WriteFile(string, string)"/> may write <paramref name="relativePath"/>, its folders made; throws as it says.</summary>
    private (string Normalized, string Full) Writable(string relativePath)
    {
        var (normalized, full) = Resolve(relativePath);
        if (normalized == BundleFiles.RunJson)
        {
            throw new ArgumentException($"{BundleFiles.RunJson} is written only by {nameof(UpdateManifest)} and {nameof(Commit)}", nameof(relativePath));
        }

        if (!_written.Contains(normalized) && File.Exists(full))
        {
            throw Foreign([normalized]);
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return (normalized, full);
    }

    /// <summary>Rewrites run.json (temporary file beside the bundles, then a rename); refused after commit and (RG4022) when a step changed it.</summary>
    public void UpdateManifest(RunManifest manifest)
    {
        var (_, full) = Resolve(BundleFiles.RunJson);
        if (ManifestChanged())
        {
            throw Foreign([BundleFiles.RunJson]);
        }

        var text = RunManifestJson.Serialize(manifest);
        AtomicFile.Write(full, text, _store.TemporaryDirectory, overwrite: true);
        _manifest = manifest;
        _manifestText = text;
    }

    /// <summary>
    /// Which of RunGates' own files someone else has written into the bundle: run.json when it no longer holds what
    /// RunGates wrote, artifact_index.json, and each of <paramref name="reserved"/> (bundle-relative) present though
    /// RunGates did not write it. The pipeline asks after every step, so that step fails naming them.
    /// </summary>
    public IReadOnlyList<string> ForeignFiles(IEnumerable<string> reserved)
    {
        var foreign = new List<string>();
        if (ManifestChanged())
        {
            foreign.Add(BundleFiles.RunJson);
        }

        foreach (var name in reserved.Prepend(BundleFiles.ArtifactIndex).Select(ReservedBundleNames.Normalize).Distinct(StringComparer.Ordinal))
        {
            if (name != BundleFiles.RunJson && !_written.Contains(name) && RootedPath.Refusal(name) is null && File.Exists(Path.Combine(Directory, name)))
            {
                foreign.Add(name);
            }
        }

        return foreign;
    }

    /// <summary>Commits with the bundle's own manifest and no promotion packet; returns the index file's SHA-256.</summary>
    public string Commit(TimeProvider time) => Commit(time, _manifest, null, null);

    /// <summary>
    /// The commit, in this order, each step durable before the next:
    /// <list type="number">
    /// <item>run.json's final state (<c>committed</c>, <c>committed_at</c>): it is a file of the bundle, so it is
    /// written before the index that lists it; until the index exists the bundle is uncommitted whatever run.json says;</item>
    /// <item>artifact_index.json, the barrier, naming the packet to come (hashing happens before the lock);</item>
    /// <item>the promotion packet at <paramref name="packet"/>, text from <paramref name="packetText"/> given the index's
    /// SHA-256, when the runbook has one: the commit is complete once it exists;</item>
    /// <item>LATEST, recomputed from the whole folder by <see cref="BundleStore.MoveLatest"/>.</item>
    /// </list>
    /// Steps 2 to 4 happen under the bundles' lock. Every temporary file is written in <c>.rungates-tmp/</c> beside the
    /// bundles and renamed in, so none is ever left inside a bundle. <paramref name="observer"/> is told each
    /// <see cref="CommitPoint"/> as it is passed (tests stop the commit there). Returns the index file's SHA-256.
    /// </summary>
    public string Commit(TimeProvider time, RunManifest manifest, string? packet, Func<string, string>? packetText, Action<CommitPoint>? observer = null)
    {
        ThrowIfCommitted();
        string? packetName = null;
        if (packet is not null)
        {
            packetName = ReservedBundleNames.Normalize(packet);
            if ((RootedPath.Refusal(packetName) ?? ReservedBundleNames.Refusal(packetName)) is { } refusal)
            {
                // The loader refuses these names; this guard keeps a bypass from ever reaching the index.
                throw new BundleException(DiagnosticCatalog.ReservedBundleName, $"promote.packet: {packet} {refusal}; expected a file name of its own inside the bundle, which stays uncommitted");
            }

            ArgumentNullException.ThrowIfNull(packetText);
        }

        if (ForeignFiles(packetName is null ? [] : [packetName]) is { Count: > 0 } foreign)
        {
            throw Foreign(foreign);
        }

        var committedAt = manifest.CommittedAt ?? time.GetUtcNow();
        UpdateManifest(manifest with { RunId = RunId, State = RunManifest.Committed, CommittedAt = committedAt });
        observer?.Invoke(CommitPoint.ManifestWritten);

        var entries = LedgerWriter.Build(Directory, ["**/*"], []);
        var index = new ArtifactIndex(ArtifactIndex.CurrentVersion, RunId, committedAt, entries) { Packet = packetName };
        var indexPath = Path.Combine(Directory, BundleFiles.ArtifactIndex);
        using var held = _store.Lock();

        // LATEST is recomputed from status.jsonl after the index: a log that cannot be read (RG4032) refuses the commit
        // here, before the index, so the bundle stays uncommitted rather than committed beside a LATEST left stale.
        _ = _store.ReadStatus();
        // Streamed to the temporary file entry by entry: the index's text is never held whole (30 MB at 200,000 files).
        AtomicFile.Write(indexPath, index.WriteTo, _store.TemporaryDirectory, overwrite: false);
        _committed = true;
        observer?.Invoke(CommitPoint.IndexWritten);

        var digest = Sha256FileHasher.Hash(indexPath).Sha256!;
        if (packetName is not null)
        {
            var packetPath = Path.Combine(Directory, packetName);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(packetPath)!);
            AtomicFile.Write(packetPath, packetText!(digest), _store.TemporaryDirectory, overwrite: false);
        }

        observer?.Invoke(CommitPoint.PacketWritten);
        _store.MoveLatest(justCommitted: RunId);
        observer?.Invoke(CommitPoint.LatestMoved);
        return digest;
    }

    private bool ManifestChanged()
    {
        var runJson = Path.Combine(Directory, BundleFiles.RunJson);
        // Read through the regular-file open: a step that swaps run.json for a FIFO gets RG4022, not a blocked run.
        return !File.Exists(runJson) || Paths.RegularFileText.TryRead(runJson, out _) != _manifestText;
    }

    private (string Normalized, string Full) Resolve(string relativePath)
    {
        ThrowIfCommitted();
        var normalized = ReservedBundleNames.Normalize(relativePath);
        if (RootedPath.Refusal(normalized) is { } refusal)
        {
            throw new ArgumentException($"cannot write '{relativePath}' into the bundle: {refusal}", nameof(relativePath));
        }

        if (normalized == BundleFiles.ArtifactIndex)
        {
            throw new ArgumentException($"{BundleFiles.ArtifactIndex} is written only by Commit", nameof(relativePath));
        }

        return (normalized, Path.GetFullPath(Path.Combine(Directory, normalized)));
    }

    /// <summary>Runs <paramref name="create"/>, turning a refusal into <see cref="CannotOpen"/>'s clear I/O error.</summary>
    private static void Unwritable(string bundles, string path, Action create)
    {
        try
        {
            create();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotOpen(bundles, path, e);
        }
    }

    /// <summary>
    /// The bundle could not be created (the bundles folder is read-only, not this user's, on a full disk): an I/O
    /// error (RG0003, exit 2 in the CLI) that names the folder and says nothing was written, never a crash.
    /// </summary>
    private static IOException CannotOpen(string bundles, string path, Exception e)
    {
        var why = e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
        return new IOException($"cannot open a bundle in {bundles}: creating {path} failed ({why}); expected a bundles folder this user can write. No bundle was opened and nothing was written", e);
    }

    private BundleException Foreign(IReadOnlyList<string> names) =>
        new(DiagnosticCatalog.ReservedFileWritten,
            $"{string.Join(", ", names)} in bundle {RunId} {(names.Count == 1 ? "was" : "were")} written by someone other than RunGates (a step?), but RunGates writes {(names.Count == 1 ? "that file" : "those files")} itself; it never overwrites another's file, so the bundle stays uncommitted");

    private void ThrowIfCommitted()
    {
        if (_committed)
        {
            throw new InvalidOperationException($"bundle {RunId} is committed and immutable; nothing more may be written to {Directory}");
        }
    }

    private static string? RefuseRunId(string runId) => runId switch
    {
        "" => "is empty",
        "." or ".." => "is a relative folder",
        BundleFiles.Latest or BundleFiles.Status => "is a name RunGates keeps beside the bundles",
        _ when runId.IndexOfAny(['/', '\\', '\0']) >= 0 => "holds a path separator or NUL",
        _ when runId.StartsWith('.') => "starts with a dot",
        _ => null,
    };
}
