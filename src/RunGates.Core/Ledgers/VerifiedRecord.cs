namespace RunGates.Core.Ledgers;

/// <summary>
/// One ledger record once checked: <see cref="Problem"/> is null when its file matched, or the one problem that failed
/// it (RG4001 mismatch, RG4002 missing, RG4004 refused, RG4030 not a regular file, RG4037 under a pseudo file system).
/// A conflict between two lines is not a record's own problem: it is reported once the whole ledger has been read.
/// </summary>
public sealed record VerifiedRecord(LedgerRecord Record, IntegrityProblem? Problem);
