namespace RunGates.Core.Checks;

/// <summary><c>ledger:</c> every entry of an existing SHA256SUMS matches the file beside it.</summary>
public sealed record LedgerCheck : Check
{
    /// <summary>The ledger file; its entries resolve against its own folder.</summary>
    public required string Ledger { get; init; }

    public override string Kind => "ledger";

    public override string Describe() => $"Verifies every digest in {Ledger}.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
