namespace RunGates.Core.Ledgers;

/// <summary>One line read from a ledger: the path as listed (unescaped, <c>./</c> removed), its SHA-256 in lowercase hex, and the line number.</summary>
public sealed record LedgerRecord(string Path, string Sha256, int Line);
