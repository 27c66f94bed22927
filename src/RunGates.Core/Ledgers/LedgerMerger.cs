using RunGates.Core.Diagnostics;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Unions shard ledgers from parallel CI jobs (all listing paths against the same root) into one. The same path with
/// the same digest in two shards is fine; the same path with two digests is an RG4010 conflict naming both shards,
/// never a silent overwrite. An entry that climbs with <c>..</c> or is absolute is an RG4004 problem, as when verifying.
/// </summary>
public static class LedgerMerger
{
    public static LedgerMergeResult Merge(IEnumerable<string> shardFiles) => Merge(shardFiles.Select(f => (f, f)));

    /// <summary>Merges shards read from <c>File</c> and named <c>Name</c> in problems (the name a user typed, say).</summary>
    public static LedgerMergeResult Merge(IEnumerable<(string File, string Name)> shards)
    {
        var problems = new List<IntegrityProblem>();
        var first = new Dictionary<string, (string Sha256, string Source, int Line)>(StringComparer.Ordinal);
        foreach (var (file, shard) in shards)
        {
            var read = LedgerReader.Parse(System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(file)), shard);
            problems.AddRange(read.Problems);
            foreach (var record in read.Records)
            {
                // The merged ledger is verified later against its root: an entry that could not be read there fails now.
                if (RootedPath.Refusal(record.Path) is { } refusal)
                {
                    problems.Add(new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, record.Path, $"{refusal} ({shard} line {record.Line}); not merged", record.Line));
                    continue;
                }

                if (!first.TryGetValue(record.Path, out var seen))
                {
                    first[record.Path] = (record.Sha256, shard, record.Line);
                }
                else if (!string.Equals(seen.Sha256, record.Sha256, StringComparison.Ordinal))
                {
                    problems.Add(new IntegrityProblem(DiagnosticCatalog.LedgerConflict, record.Path,
                        $"listed with SHA-256 {seen.Sha256} in {seen.Source} line {seen.Line} and with {record.Sha256} in {shard} line {record.Line}; expected one digest"));
                }
            }
        }

        var records = first.OrderBy(p => p.Key, Utf8OrdinalComparer.Instance)
            .Select((p, i) => new LedgerRecord(p.Key, p.Value.Sha256, i + 1))
            .ToList();
        return new LedgerMergeResult(records, problems);
    }
}
