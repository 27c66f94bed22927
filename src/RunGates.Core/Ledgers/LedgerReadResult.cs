namespace RunGates.Core.Ledgers;

/// <summary>The lines of a ledger that parsed, and an RG4006 problem for each one that did not.</summary>
public sealed record LedgerReadResult(IReadOnlyList<LedgerRecord> Records, IReadOnlyList<IntegrityProblem> Problems);
