using RunGates.Core.Diagnostics;

namespace RunGates.Core.Bundles;

/// <summary>A bundle could not be found or used as asked; carries the diagnostic (RG4007, RG4005...).</summary>
public sealed class BundleException(RunGatesDiagnostic diagnostic, string message) : Exception(message)
{
    public RunGatesDiagnostic Diagnostic { get; } = diagnostic;
}
