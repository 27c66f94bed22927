namespace RunGates.Core.Bundles;

/// <summary>The names of the files RunGates keeps in and beside a bundle, in one place.</summary>
public static class BundleFiles
{
    /// <summary>What the run was and its state, in the bundle.</summary>
    public const string RunJson = "run.json";

    /// <summary>The verdict and every check's outcome, in the bundle.</summary>
    public const string Results = "results.json";

    /// <summary>The commit barrier: path, size and SHA-256 of every other file of the bundle, written last.</summary>
    public const string ArtifactIndex = "artifact_index.json";

    /// <summary>The envelope written after commit that carries the index's digest, so the index never lists it.</summary>
    public const string PromotionPacket = "promotion_packet.json";

    /// <summary>Step and check output, in the bundle.</summary>
    public const string Logs = "logs/";

    /// <summary>Beside the bundles: the id of the newest committed, valid bundle.</summary>
    public const string Latest = "LATEST";

    /// <summary>Beside the bundles: the append-only record of invalidations.</summary>
    public const string Status = "status.jsonl";

    /// <summary>Beside the bundles: the file whose exclusive lock serialises every change of bundle state.</summary>
    public const string Lock = ".rungates-lock";

    /// <summary>Beside the bundles: where files are written before their rename into a bundle, so none is ever half inside one.</summary>
    public const string TemporaryFolder = ".rungates-tmp";

    /// <summary>The suffix of files being written before their rename; never part of a bundle.</summary>
    internal const string TemporarySuffix = ".rungates-tmp";
}
