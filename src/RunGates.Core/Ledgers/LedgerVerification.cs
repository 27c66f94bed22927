namespace RunGates.Core.Ledgers;

/// <summary>What verifying a ledger found: every problem (never just the first) and how many files matched.</summary>
public sealed record LedgerVerification(IReadOnlyList<IntegrityProblem> Problems, int Verified)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>How many records the ledger held (lines that parsed), when it was read as a stream.</summary>
    public int Records { get; init; }

    /// <summary>How many of <see cref="Problems"/> are malformed lines (RG4006); they come first, in ledger order.</summary>
    public int Malformed { get; init; }
}
