namespace RunGates.Core.Ledgers;

/// <summary>
/// The union of shard ledgers and every problem met: malformed lines, refused paths and conflicting digests. The
/// merged entries are not held: <see cref="WriteTo(Stream)"/> merges the shards again, streaming, and fails if a shard's
/// bytes changed since they were checked.
/// </summary>
public sealed class LedgerMergeResult
{
    private readonly Action<Action<LedgerRecord>> _merge;

    internal LedgerMergeResult(int count, IReadOnlyList<IntegrityProblem> problems, Action<Action<LedgerRecord>> merge)
    {
        Count = count;
        Problems = problems;
        _merge = merge;
    }

    /// <summary>How many entries the merged ledger holds.</summary>
    public int Count { get; }

    public IReadOnlyList<IntegrityProblem> Problems { get; }

    public bool Succeeded => Problems.Count == 0;

    /// <summary>The merged entries, sorted, numbered from line 1; all in memory, so for small merges and tests.</summary>
    public IReadOnlyList<LedgerRecord> Records
    {
        get
        {
            var records = new List<LedgerRecord>(Count);
            _merge(records.Add);
            return records;
        }
    }

    /// <summary>The merged ledger in <c>sha256sum</c> format, as one string; for small merges and tests.</summary>
    public string ToText()
    {
        using var text = new StringWriter();
        WriteTo(text);
        return text.ToString();
    }

    /// <summary>Writes the merged ledger in <c>sha256sum</c> format, one line at a time.</summary>
    public void WriteTo(TextWriter writer) => _merge(r => writer.Write(LedgerWriter.FormatLine(r.Sha256, r.Path)));

    /// <summary>Writes the merged ledger's bytes, each name as the bytes it stands for (<see cref="FileNameEncoding.Encode"/>).</summary>
    public void WriteTo(Stream output)
    {
        // Flushed, not disposed: the caller owns the stream.
        var buffered = new BufferedStream(output, 1 << 16);
        _merge(r => buffered.Write(FileNameEncoding.Encode(LedgerWriter.FormatLine(r.Sha256, r.Path))));
        buffered.Flush();
    }
}
