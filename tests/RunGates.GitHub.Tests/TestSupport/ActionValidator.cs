namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// Runs <c>@action-validator/cli</c> (pinned in tools/) on an <c>action.yml</c> or a workflow file. It checks the file against
/// the published schemas; a file named action.yml or action.yaml is read as an action, anything else as a workflow.
/// </summary>
internal static class ActionValidator
{
    /// <returns>The exit code (0 when valid) and what it printed: stdout, then stderr, where the errors are as JSON.</returns>
    public static (int ExitCode, string Output) Validate(string file)
    {
        var full = Path.GetFullPath(file);
        var (exitCode, output, error) = ExternalTool.Run(Path.GetDirectoryName(full)!, NodeTools.ActionValidator, full);
        return (exitCode, output + error);
    }
}
