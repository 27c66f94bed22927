namespace RunGates.Core.Ledgers;

/// <summary>
/// One entry read from a ledger: the path (unescaped, <c>./</c> removed), its SHA-256 in lowercase hex, and the line
/// number (for a JSON index also the entry's column; 0 where a line says enough).
/// </summary>
public sealed record LedgerRecord(string Path, string Sha256, int Line, int Column = 0)
{
    /// <summary>The name as the ledger spells it (unescaped, <c>./</c> kept): what <c>sha256sum -c</c> echoes.</summary>
    public string Listed { get; init; } = Path;
}
