namespace RunGates.Core.Runs;

/// <summary>
/// A run was cancelled (SIGINT, SIGTERM): its processes were ended and nothing more was written. <see cref="BundleDirectory"/>
/// names the bundle it had opened, left uncommitted (no artifact_index.json, LATEST unmoved), or is null when the run
/// stopped before opening one.
/// </summary>
public sealed class RunCancelledException(string? bundleDirectory, OperationCanceledException inner)
    : OperationCanceledException(bundleDirectory is null ? "The run was cancelled before its bundle was opened." : $"The run was cancelled; its bundle {bundleDirectory} was left uncommitted.", inner, inner.CancellationToken)
{
    public string? BundleDirectory { get; } = bundleDirectory;
}
