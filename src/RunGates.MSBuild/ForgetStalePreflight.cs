using RunGates.Core.Runs;

namespace RunGates.MSBuild;

/// <summary>
/// Runs before RunGatesPreflight's up-to-date check, which compares file times only: deletes the stamp when what
/// MSBuild cannot see has changed since pre-flight last passed, so the target runs again. That is a glob that now
/// matches other files (a new or removed match), another runbook or threshold than the stamp's, or state recorded by a
/// version that did not record globs.
/// </summary>
public sealed class ForgetStalePreflight : Microsoft.Build.Utilities.Task
{
    public const string GlobsFile = "preflight.globs";

    [Microsoft.Build.Framework.Required]
    public string StateDirectory { get; set; } = "";

    public string Spec { get; set; } = "";

    public string FailOn { get; set; } = "partial";

    public override bool Execute()
    {
        var stamp = Path.Combine(StateDirectory, EvaluatePreflight.StampFile);
        if (!File.Exists(stamp))
        {
            return true;
        }

        var globs = Path.Combine(StateDirectory, GlobsFile);
        var stale = !File.ReadAllText(stamp).StartsWith(EvaluatePreflight.StampKey(Path.GetFullPath(Spec), FailOn), StringComparison.Ordinal)
            ? "it last passed for another rungates.yml or RunGatesFailOn"
            : File.Exists(globs) ? RunInputs.GlobsChanged(File.ReadAllText(globs)) : "the recorded state does not list pre-flight's globs";
        if (stale is not null)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"RunGates: pre-flight runs again: {stale}.");
            File.Delete(stamp);
        }

        return true;
    }
}
