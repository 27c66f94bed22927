using RunGates.Core.Diagnostics;

namespace RunGates.Core.Bundles;

/// <summary>A bundle could not be found or used as asked; carries the diagnostic (RG4007, RG4005...).</summary>
public sealed class BundleException(RunGatesDiagnostic diagnostic, string message) : Exception(message)
{
    public RunGatesDiagnostic Diagnostic { get; } = diagnostic;

    /// <summary>The file at fault, when the failure is in one (status.jsonl, LATEST), else null.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line in <see cref="File"/>, or 0.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column in <see cref="File"/>, or 0.</summary>
    public int Column { get; init; }

    /// <summary>The compiler's position, <c>file(line,col)</c> or <c>file</c>, or null when there is no file.</summary>
    public string? Position => File is null ? null : Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)})" : File;
}
