namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// How a composite action's run went (<see cref="CompositeActionRunner"/>): the exit code of the last step run, what
/// every step printed, the action's outputs (empty when a step failed), the <c>uses:</c> steps that could not run
/// here, and the ids of the steps that ran, in order.
/// </summary>
internal sealed record CompositeRun(
    int ExitCode, string Log, IReadOnlyDictionary<string, string> Outputs, IReadOnlyList<string> SkippedUses, IReadOnlyList<string> StepsRun);
