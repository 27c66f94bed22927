using RunGates.Core.Diagnostics;

namespace RunGates.Core.Ledgers;

/// <summary>
/// One integrity problem of a ledger or bundle: the diagnostic, the file it concerns (relative to the root, or the
/// ledger itself), what was expected and found, and the ledger line when there is one.
/// </summary>
public sealed record IntegrityProblem(RunGatesDiagnostic Diagnostic, string Path, string Message, int Line = 0)
{
    /// <summary>The compiler's form: <c>path(line): error RG4001: message</c>.</summary>
    public override string ToString() =>
        $"{Path}{(Line > 0 ? $"({Line})" : "")}: {Diagnostic.Severity.ToString().ToLowerInvariant()} {Diagnostic.Code}: {Message}";
}
