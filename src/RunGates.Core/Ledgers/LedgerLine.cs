namespace RunGates.Core.Ledgers;

/// <summary>What one ledger line gave: a record, an RG4006 problem (a malformed line), or neither (a comment, an empty line).</summary>
public readonly record struct LedgerLine(LedgerRecord? Record, IntegrityProblem? Malformed);
