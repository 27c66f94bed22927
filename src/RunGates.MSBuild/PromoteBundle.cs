using Microsoft.Build.Framework;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Promotion;

namespace RunGates.MSBuild;

/// <summary>
/// Checks that a committed bundle (default: LATEST) verifies and is promotable: its promotion packet is rebuilt from the
/// committed results.json and refused (RG4015–RG4019) when any field disagrees. With <see cref="RequirePromotable"/>
/// (the default) an unpromotable run fails the build with RG5001 and its reasons; a bundle that does not verify, or was
/// invalidated, always does.
/// </summary>
public sealed class PromoteBundle : RunGatesTask
{
    /// <summary>A bundle folder, a run id or LATEST; empty means LATEST. Resolved by Core's <see cref="BundleReference"/> rule.</summary>
    public string? Bundle { get; set; }

    /// <summary>The folder a relative <see cref="Bundle"/> folder is taken against; empty means the current directory.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>Overrides the runbook's <c>run.bundles</c>.</summary>
    public string? BundlesDirectory { get; set; }

    public bool RequirePromotable { get; set; } = true;

    [Output]
    public bool Promotable { get; set; }

    [Output]
    public string PromotionPacketPath { get; set; } = "";

    protected override bool ExecuteCore()
    {
        // The runbook, when given, may only make promotion stricter: the run must be of it and meet its promote.requires.
        var runbook = string.IsNullOrEmpty(Spec) ? null : LoadRunbook();
        var bundles = string.IsNullOrEmpty(BundlesDirectory) ? (runbook ?? LoadRunbook()).Run.Bundles : Path.GetFullPath(BundlesDirectory);
        var store = new BundleStore(bundles);
        var projectDirectory = Path.GetFullPath(string.IsNullOrEmpty(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory);
        string directory;
        try
        {
            directory = BundleReference.Resolve(Bundle, projectDirectory, () => store);
        }
        catch (BundleException e)
        {
            Log.LogError(null, e.Diagnostic.Code, null, e.Diagnostic.HelpLink, null, 0, 0, 0, 0, e.Message);
            return false;
        }

        var review = BundlePromoter.Review(store, directory, runbook);
        foreach (var problem in review.Problems)
        {
            Log.LogError(null, problem.Diagnostic.Code, null, problem.Diagnostic.HelpLink, Path.Combine(directory, problem.Path), problem.Line, 0, 0, 0, problem.Message);
        }

        Promotable = review.Promotable;
        PromotionPacketPath = review.PacketPath ?? "";
        if (review.Problems.Count > 0)
        {
            return false;
        }

        if (review.Promotable)
        {
            Log.LogMessage(MessageImportance.High, $"rungates: promotable: {directory}");
            return true;
        }

        var code = DiagnosticCatalog.NotPromotable;
        var message = $"{directory} is not promotable: {string.Join(" ", review.Reasons)}";
        if (RequirePromotable)
        {
            Log.LogError(null, code.Code, null, code.HelpLink, directory, 0, 0, 0, 0, message);
            return false;
        }

        Log.LogWarning(null, code.Code, null, code.HelpLink, directory, 0, 0, 0, 0, message);
        return true;
    }
}
