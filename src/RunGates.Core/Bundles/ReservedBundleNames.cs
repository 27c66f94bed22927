namespace RunGates.Core.Bundles;

/// <summary>
/// The names inside a bundle that RunGates writes itself, so a runbook's <c>promote.packet</c> or <c>ledger.file</c>
/// may not take them (refused at load, RG1050) and a step may not write them (the step fails, RG4022). Compared
/// ignoring case, since a bundle may live on a file system that does.
/// </summary>
internal static class ReservedBundleNames
{
    private static readonly string[] WrittenByRunGates = [BundleFiles.RunJson, BundleFiles.Results, BundleFiles.ArtifactIndex];

    private static readonly string[] KeptBesideBundles = [BundleFiles.Latest, BundleFiles.Status, BundleFiles.Lock, BundleFiles.TemporaryFolder];

    /// <summary>A bundle-relative path as RunGates records it: <c>/</c> separators, no leading <c>./</c>.</summary>
    public static string Normalize(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path;
    }

    /// <summary>Why <paramref name="relativePath"/> (inside a bundle) is not a runbook's to use, or null when it is.</summary>
    public static string? Refusal(string relativePath)
    {
        var path = Normalize(relativePath);

        if (WrittenByRunGates.Any(n => string.Equals(n, path, StringComparison.OrdinalIgnoreCase)))
        {
            return "is a file RunGates writes into every bundle itself";
        }

        if (KeptBesideBundles.Any(n => string.Equals(n, path, StringComparison.OrdinalIgnoreCase)))
        {
            return "is a name RunGates keeps beside the bundles";
        }

        if (path.StartsWith(BundleFiles.Logs, StringComparison.OrdinalIgnoreCase))
        {
            return $"is under {BundleFiles.Logs}, where RunGates writes step and check output";
        }

        return path.EndsWith(BundleFiles.TemporarySuffix, StringComparison.OrdinalIgnoreCase)
            ? $"ends in {BundleFiles.TemporarySuffix}, the suffix of RunGates' unfinished writes"
            : null;
    }
}
