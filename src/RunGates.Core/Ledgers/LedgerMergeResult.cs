namespace RunGates.Core.Ledgers;

/// <summary>The union of shard ledgers, sorted, and every problem met: malformed lines and conflicting digests.</summary>
public sealed record LedgerMergeResult(IReadOnlyList<LedgerRecord> Records, IReadOnlyList<IntegrityProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>The merged ledger in <c>sha256sum</c> format.</summary>
    public string ToText() => string.Concat(Records.Select(r => LedgerWriter.FormatLine(r.Sha256, r.Path)));
}
