namespace RunGates.Core.Ledgers;

/// <summary>What verifying a ledger found: every problem (never just the first) and how many files matched.</summary>
public sealed record LedgerVerification(IReadOnlyList<IntegrityProblem> Problems, int Verified)
{
    public bool Succeeded => Problems.Count == 0;
}
