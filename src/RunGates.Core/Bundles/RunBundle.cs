using RunGates.Core.Runs;

namespace RunGates.Core.Bundles;

/// <summary>
/// One run's bundle folder, <c>&lt;bundles&gt;/&lt;run_id&gt;/</c>, from creation (run.json in state in_progress) to commit
/// (artifact_index.json written last, atomically; LATEST moved only after it).
/// </summary>
public sealed class RunBundle
{
    private RunBundle(string runId, string directory)
    {
        RunId = runId;
        Directory = directory;
    }

    /// <summary>The run id, with a suffix when the template's folder already existed.</summary>
    public string RunId { get; }

    public string Directory { get; }

    /// <summary>Creates the bundle folder (never reusing one) and writes run.json in state in_progress.</summary>
    public static RunBundle Open(string bundlesDirectory, string runId, RunManifest manifest) => throw new NotImplementedException();

    /// <summary>Writes a file inside the bundle; refused after commit.</summary>
    public void WriteFile(string relativePath, string text) => throw new NotImplementedException();

    /// <summary>Rewrites run.json; refused after commit.</summary>
    public void UpdateManifest(RunManifest manifest) => throw new NotImplementedException();

    /// <summary>Writes artifact_index.json last (temp file and rename), then LATEST; returns the index file's SHA-256.</summary>
    public string Commit(TimeProvider time) => throw new NotImplementedException();
}
