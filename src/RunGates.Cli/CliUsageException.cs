using RunGates.Core.Diagnostics;

namespace RunGates.Cli;

/// <summary>
/// A command was asked for something it cannot do as asked: exit code 2 with the message, its code (RG0001 unless
/// told) and, when there is one, a hint. Nothing has been written when it is thrown.
/// </summary>
public sealed class CliUsageException(string message, string? hint = null, RunGatesDiagnostic? diagnostic = null) : Exception(message)
{
    public RunGatesDiagnostic Diagnostic { get; } = diagnostic ?? DiagnosticCatalog.CommandLineInvalid;

    public string? Hint { get; } = hint;
}
