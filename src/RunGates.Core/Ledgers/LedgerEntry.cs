namespace RunGates.Core.Ledgers;

/// <summary>One file of a ledger: its path relative to the root (<c>/</c> separators, no <c>./</c>), SHA-256 (lowercase hex) and size.</summary>
public sealed record LedgerEntry(string Path, string Sha256, long Size);
