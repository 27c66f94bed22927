using RunGates.Core.Diagnostics;

namespace RunGates.GitHub;

/// <summary>A GitHub context RunGates cannot work with: the message names the variable or file and what was expected.</summary>
public sealed class GitHubException(RunGatesDiagnostic diagnostic, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public RunGatesDiagnostic Diagnostic { get; } = diagnostic;
}
