using RunGates.Core.Diagnostics;

namespace RunGates.Cli;

/// <summary>
/// A failure a command has already put into RunGates' words: its code, exit code, message, hint and, where the
/// failure has one, the position (<c>path(line,col)</c>) the message is printed at.
/// </summary>
public sealed class CliFailure(RunGatesDiagnostic diagnostic, int exitCode, string message, string? hint = null, string? position = null, Exception? inner = null)
    : Exception(message, inner)
{
    public RunGatesDiagnostic Diagnostic { get; } = diagnostic;

    public int ExitCode { get; } = exitCode;

    public string? Hint { get; } = hint;

    public string? Position { get; } = position;
}
