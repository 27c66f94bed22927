using RunGates.Core.Diagnostics;

namespace RunGates.Core.Ledgers;

/// <summary>
/// One integrity problem of a ledger or bundle: the diagnostic, the file it concerns (relative to the root, or the
/// ledger itself), what was expected and found, and the ledger line (and, for a JSON index, column) when there is one.
/// </summary>
public sealed record IntegrityProblem(RunGatesDiagnostic Diagnostic, string Path, string Message, int Line = 0, int Column = 0)
{
    /// <summary>
    /// The compiler's form: <c>path: error RG4001: message</c>. Only a malformed line gets <c>ledger(line)</c>, since
    /// otherwise the path names a listed file and the line belongs to the ledger (the message says which); a problem of
    /// a file that cannot be read itself (artifact_index.json RG4008, status.jsonl RG4032) gets <c>file(line,col)</c>.
    /// </summary>
    public override string ToString() =>
        $"{Path}{Where()}: {Diagnostic.Severity.ToString().ToLowerInvariant()} {Diagnostic.Code}: {Message}";

    private string Where() =>
        Line <= 0 ? ""
        : Diagnostic == DiagnosticCatalog.MalformedLedgerLine ? $"({Line})"
        : Diagnostic == DiagnosticCatalog.MalformedArtifactIndex || Diagnostic == DiagnosticCatalog.StatusLogUnreadable ? $"({Line},{Math.Max(Column, 1)})"
        : "";
}
