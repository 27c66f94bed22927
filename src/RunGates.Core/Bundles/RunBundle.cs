using System.Text;
using RunGates.Core.Ledgers;
using RunGates.Core.Runs;

namespace RunGates.Core.Bundles;

/// <summary>
/// One run's bundle folder, <c>&lt;bundles&gt;/&lt;run_id&gt;/</c>, from creation (run.json in state in_progress) to commit
/// (artifact_index.json written last, atomically; LATEST moved only after it).
/// </summary>
public sealed class RunBundle
{
    private readonly string _bundlesDirectory;
    private bool _committed;

    private RunBundle(string bundlesDirectory, string runId, string directory)
    {
        _bundlesDirectory = bundlesDirectory;
        RunId = runId;
        Directory = directory;
    }

    /// <summary>The run id, with a suffix when the template's folder already existed.</summary>
    public string RunId { get; }

    public string Directory { get; }

    /// <summary>
    /// Creates the bundle folder (never reusing one) and writes run.json in state in_progress. The claim on a folder is
    /// the creation of its run.json with <see cref="FileMode.CreateNew"/>, which the file system grants to exactly one
    /// caller, so two processes opening the same id at once get distinct folders (<c>id</c>, <c>id-2</c>, <c>id-3</c>...).
    /// </summary>
    public static RunBundle Open(string bundlesDirectory, string runId, RunManifest manifest)
    {
        if (RefuseRunId(runId) is { } refusal)
        {
            throw new ArgumentException($"run id '{runId}' {refusal}; expected one folder name", nameof(runId));
        }

        var bundles = Path.GetFullPath(bundlesDirectory);
        System.IO.Directory.CreateDirectory(bundles);
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? runId : $"{runId}-{n}";
            var directory = Path.Combine(bundles, id);
            if (File.Exists(directory))
            {
                continue;
            }

            System.IO.Directory.CreateDirectory(directory);
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

            using (stream)
            {
                stream.Write(new UTF8Encoding(false).GetBytes(RunManifestJson.Serialize(manifest with { RunId = id, State = RunManifest.InProgress })));
                stream.Flush(flushToDisk: true);
            }

            return new RunBundle(bundles, id, directory);
        }
    }

    /// <summary>Writes a file inside the bundle, creating its folders; refused after commit and outside the bundle.</summary>
    public void WriteFile(string relativePath, string text)
    {
        var full = Resolve(relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
    }

    /// <summary>Rewrites run.json (temporary file and rename); refused after commit.</summary>
    public void UpdateManifest(RunManifest manifest)
    {
        var full = Resolve(BundleFiles.RunJson);
        AtomicFile.Write(full, RunManifestJson.Serialize(manifest));
    }

    /// <summary>
    /// Hashes every file of the bundle into artifact_index.json, written last (temporary file and rename), then points
    /// LATEST at this bundle (temporary file and rename); returns the index file's SHA-256. Nothing may be written after.
    /// </summary>
    public string Commit(TimeProvider time)
    {
        ThrowIfCommitted();
        var entries = LedgerWriter.Build(Directory, ["**/*"], BundleFiles.NotIndexed);
        var index = new ArtifactIndex(ArtifactIndex.CurrentVersion, RunId, time.GetUtcNow(), entries);
        var indexPath = Path.Combine(Directory, BundleFiles.ArtifactIndex);
        AtomicFile.Write(indexPath, index.ToJson(), overwrite: false);
        _committed = true;
        var digest = Sha256FileHasher.Hash(indexPath).Sha256!;
        AtomicFile.Write(Path.Combine(_bundlesDirectory, BundleFiles.Latest), RunId + "\n");
        return digest;
    }

    private string Resolve(string relativePath)
    {
        ThrowIfCommitted();
        var normalized = relativePath.Replace('\\', '/');
        if (RootedPath.Refusal(normalized) is { } refusal)
        {
            throw new ArgumentException($"cannot write '{relativePath}' into the bundle: {refusal}", nameof(relativePath));
        }

        if (normalized == BundleFiles.ArtifactIndex)
        {
            throw new ArgumentException($"{BundleFiles.ArtifactIndex} is written only by Commit", nameof(relativePath));
        }

        return Path.GetFullPath(Path.Combine(Directory, normalized));
    }

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
