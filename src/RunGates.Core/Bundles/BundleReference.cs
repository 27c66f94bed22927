using RunGates.Core.Diagnostics;

namespace RunGates.Core.Bundles;

/// <summary>
/// What a bundle reference means, one rule for every front door (<c>rungates promote</c> and <c>bundle validate</c>,
/// the MSBuild <c>RunGatesBundle</c> property, <c>reproducible: against</c>): a value naming an existing folder, taken
/// against the working folder, is that folder; else a run id under the bundles folder; empty or <c>LATEST</c> is the
/// bundle LATEST names. The folder comes first so that a path the user can see on disk always means what it shows.
/// </summary>
public static class BundleReference
{
    /// <summary>
    /// The bundle folder <paramref name="reference"/> means. <paramref name="bundles"/> is asked for only when the
    /// reference is not an existing folder, so a bundle given by path needs no runbook. Throws RG4007 when there is none.
    /// </summary>
    public static string Resolve(string? reference, string workingDirectory, Func<BundleStore> bundles)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference == BundleFiles.Latest)
        {
            return bundles().LatestDirectory();
        }

        var folder = Path.GetFullPath(reference, workingDirectory);
        if (Directory.Exists(folder))
        {
            return folder;
        }

        var store = bundles();
        return store.RunDirectory(reference)
            ?? throw new BundleException(DiagnosticCatalog.BundleNotFound, $"expected LATEST, a run id under {store.BundlesDirectory} or a bundle folder, found nothing for '{reference}'");
    }
}
