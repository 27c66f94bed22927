namespace RunGates.Core.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}
