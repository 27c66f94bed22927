using RunGates.Core.Diagnostics;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Unions shard ledgers from parallel CI jobs (all listing paths against the same root) into one. The same path with
/// the same digest in two shards is fine; the same path with two digests is an RG4010 conflict naming both shards and
/// lines, never a silent overwrite. An entry that climbs with <c>..</c> or is absolute is an RG4004 problem, as when
/// verifying. A shard is opened as any ledger is (<see cref="LedgerLineStream"/>): a FIFO or device is refused unread.
/// </summary>
/// <remarks>
/// A streaming k-way merge, so that a hundred shards of ten thousand entries never sit in memory together: a first
/// read of the shards side by side, one record of each at a time, collects their problems, checks that each is sorted
/// (as <c>ledger write</c> and <c>sha256sum | sort</c> leave it) and finds the conflicts; writing reads them side by
/// side again. Only a shard that is not sorted is held (and sorted) in memory, and the conflicts are then looked for
/// again. Every later read must see the bytes of the first.
/// </remarks>
public static class LedgerMerger
{
    public static LedgerMergeResult Merge(IEnumerable<string> shardFiles) => Merge(shardFiles.Select(f => (f, f)));

    /// <summary>
    /// Files a merge may hold open besides its shards: the output, the standard streams, the runtime's own (about ten
    /// in a Native AOT merge, counted in /proc/self/fd). A shard count that leaves fewer than these under the limit is
    /// refused before anything is read (RG4036).
    /// </summary>
    internal const int OtherOpenFiles = 16;

    /// <summary>Merges shards read from <c>File</c> and named <c>Name</c> in problems (the name a user typed, say).</summary>
    public static LedgerMergeResult Merge(IEnumerable<(string File, string Name)> shards) => Merge(shards, OpenFileLimit.Ensure);

    /// <summary>As <see cref="Merge(IEnumerable{ValueTuple{string, string}})"/>, with the open-file limit from <paramref name="openFileLimit"/> (for tests).</summary>
    internal static LedgerMergeResult Merge(IEnumerable<(string File, string Name)> shards, Func<long, long?> openFileLimit)
    {
        var list = shards.ToList();
        // Every sorted shard is open at once while merging: past the limit the merge would fail halfway with EMFILE.
        if (list.Count > 0 && openFileLimit(list.Count + OtherOpenFiles) is { } limit && list.Count + OtherOpenFiles > limit)
        {
            var most = Math.Max(1, limit - OtherOpenFiles);
            var refusal = new IntegrityProblem(DiagnosticCatalog.TooManyShards, list[(int)Math.Min(most, list.Count - 1)].Name,
                $"is shard {Math.Min(most, list.Count - 1) + 1} of {list.Count}, and merging holds every shard open at once: this process may open {limit} files (ulimit -n, not raisable here); "
                + $"merge at most {most} shards at a time into intermediate ledgers and merge those, or raise the limit; nothing was read");
            return new LedgerMergeResult(0, [refusal], _ => throw new InvalidOperationException("the shards were not merged"));
        }

        // Shards this many are each read in smaller pieces (both reads are side by side), so the buffers stay near 4 MiB in all.
        var chunkSize = Math.Clamp((4 << 20) / Math.Max(1, list.Count), 4 << 10, 64 << 10);
        // The first read of the shards is itself a merge: each shard is checked (its problems, whether it is sorted) as
        // its records meet the others', so that sorted shards, the usual case, are read twice in all (here, and again
        // to write), not three times. A shard found unsorted spoils this pass's order: its conflicts are then looked
        // for again, with that shard held sorted in memory.
        var opened = new List<Shard>();
        var checks = new List<ShardCheck>();
        var firstReads = new List<IEnumerable<LedgerRecord>>();
        var problems = new List<(int Shard, int Kind, int Line, IntegrityProblem Problem)>();
        foreach (var (file, name) in list)
        {
            var index = opened.Count;
            var check = new ShardCheck();
            checks.Add(check);
            if (LedgerLineStream.TryOpen(file, name, out var notRegular) is not { } stream)
            {
                // Refused unread, as every file RunGates reads: a FIFO would block the merge, a device never end.
                problems.Add((index, 0, 0, new IntegrityProblem(DiagnosticCatalog.NotARegularFile, name, $"{notRegular}; expected a SHA256SUMS shard, refused, not read")));
                opened.Add(new Shard(name, null, [], false, chunkSize));
                firstReads.Add([]);
                continue;
            }

            opened.Add(new Shard(name, stream, null, false, chunkSize));
            firstReads.Add(Checked(stream, chunkSize, index, name, check, problems));
        }

        var (count, conflicts) = Conflicts(Merged(firstReads), opened);
        for (var i = 0; i < opened.Count; i++)
        {
            opened[i] = opened[i] with { Refused = checks[i].Refused };
        }

        if (checks.Any(c => !c.Sorted))
        {
            for (var i = 0; i < opened.Count; i++)
            {
                if (!checks[i].Sorted)
                {
                    // An unsorted shard is read again now and held, sorted: the one case whose memory grows with a shard.
                    opened[i] = opened[i] with { InMemory = SortedWhole(opened[i].Stream!) };
                }
            }

            (count, conflicts) = Conflicts(Merged(opened.Select(s => s.Records()).ToList()), opened);
        }

        problems.AddRange(conflicts);
        // Problems in the order of a read shard by shard: each shard's malformed lines, then its entries' problems.
        var ordered = problems.OrderBy(p => p.Shard).ThenBy(p => p.Kind).ThenBy(p => p.Line).Select(p => p.Problem).ToList();
        return new LedgerMergeResult(count, ordered, writer =>
        {
            var line = 0;
            foreach (var (record, _, first) in Merged(opened.Select(s => s.Records()).ToList()))
            {
                if (first is null)
                {
                    writer(new LedgerRecord(record.Path, record.Sha256, ++line));
                }
            }
        });
    }

    /// <summary>
    /// Ledger order: UTF-8 bytes (<see cref="Utf8OrdinalComparer"/>), then ordinal, so that two names that are not
    /// UTF-8 and order alike still never interleave, and every path's records meet in one run.
    /// </summary>
    internal static int ComparePaths(string a, string b)
    {
        var order = Utf8OrdinalComparer.Instance.Compare(a, b);
        return order != 0 ? order : string.CompareOrdinal(a, b);
    }

    /// <summary>
    /// The first read of one shard: its malformed lines and refused paths become problems and are left out, and
    /// <paramref name="check"/> learns whether the rest is sorted and whether any path was refused.
    /// </summary>
    private static IEnumerable<LedgerRecord> Checked(LedgerLineStream stream, int chunkSize, int index, string name, ShardCheck check, List<(int Shard, int Kind, int Line, IntegrityProblem Problem)> problems)
    {
        LedgerRecord? previous = null;
        foreach (var line in stream.Lines(chunkSize))
        {
            if (line.Malformed is { } malformed)
            {
                problems.Add((index, 0, malformed.Line, malformed));
                continue;
            }

            var record = line.Record!;
            // The merged ledger is verified later against its root: an entry that could not be read there fails now.
            if (RootedPath.Refusal(record.Path) is { } refusal)
            {
                problems.Add((index, 1, record.Line, new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, record.Path, $"{refusal} ({name} line {record.Line}); not merged", record.Line)));
                check.Refused = true;
                continue;
            }

            check.Sorted &= previous is null || ComparePaths(previous.Path, record.Path) <= 0;
            previous = record;
            yield return record;
        }
    }

    /// <summary>How many paths a merge gives, and an RG4010 problem for each record that lists a path the first record of it listed with another digest.</summary>
    private static (int Count, List<(int Shard, int Kind, int Line, IntegrityProblem Problem)> Conflicts) Conflicts(
        IEnumerable<(LedgerRecord Record, int Shard, (LedgerRecord Record, int Shard)? First)> merged, List<Shard> shards)
    {
        var count = 0;
        var conflicts = new List<(int Shard, int Kind, int Line, IntegrityProblem Problem)>();
        foreach (var (record, shard, first) in merged)
        {
            if (first is null)
            {
                count++;
            }
            else if (!string.Equals(first.Value.Record.Sha256, record.Sha256, StringComparison.Ordinal))
            {
                conflicts.Add((shard, 1, record.Line, new IntegrityProblem(DiagnosticCatalog.LedgerConflict, record.Path,
                    $"listed with SHA-256 {first.Value.Record.Sha256} in {shards[first.Value.Shard].Name} line {first.Value.Record.Line} and with {record.Sha256} in {shards[shard].Name} line {record.Line}; expected one digest")));
            }
        }

        return (count, conflicts);
    }

    private static List<LedgerRecord> SortedWhole(LedgerLineStream stream)
    {
        var records = stream.Reread().Where(r => RootedPath.Refusal(r.Path) is null).ToList();
        // Stable: one path's lines stay in line order.
        return [.. records.OrderBy(r => r.Path, Comparer<string>.Create(ComparePaths))];
    }

    /// <summary>What the first read of a shard learnt: whether its records are sorted and whether any path was refused.</summary>
    private sealed class ShardCheck
    {
        public bool Sorted { get; set; } = true;

        public bool Refused { get; set; }
    }

    /// <summary>
    /// A shard: its name in problems, its file to read again (in pieces of <c>ChunkSize</c> bytes), or its records when
    /// it was not sorted. Only a shard whose first read refused a path checks every path again: the second read must
    /// see the same bytes, so it refuses the same lines.
    /// </summary>
    private sealed record Shard(string Name, LedgerLineStream? Stream, List<LedgerRecord>? InMemory, bool Refused, int ChunkSize)
    {
        public IEnumerable<LedgerRecord> Records() =>
            InMemory ?? (Refused ? Stream!.Reread(ChunkSize).Where(r => RootedPath.Refusal(r.Path) is null) : Stream!.Reread(ChunkSize));
    }

    /// <summary>
    /// Every record of every shard in ledger order, one record of each shard in memory at a time; for each path the
    /// record that comes first (earliest shard, then earliest line) has <c>First</c> null, and the others carry it.
    /// </summary>
    private static IEnumerable<(LedgerRecord Record, int Shard, (LedgerRecord Record, int Shard)? First)> Merged(List<IEnumerable<LedgerRecord>> shards)
    {
        var cursors = shards.Select(s => s.GetEnumerator()).ToList();
        try
        {
            var queue = new PriorityQueue<int, (LedgerRecord Record, int Shard)>(Comparer<(LedgerRecord Record, int Shard)>.Create((a, b) =>
            {
                var order = ComparePaths(a.Record.Path, b.Record.Path);
                return order != 0 ? order : a.Shard != b.Shard ? a.Shard.CompareTo(b.Shard) : a.Record.Line.CompareTo(b.Record.Line);
            }));
            for (var i = 0; i < cursors.Count; i++)
            {
                if (cursors[i].MoveNext())
                {
                    queue.Enqueue(i, (cursors[i].Current, i));
                }
            }

            (LedgerRecord Record, int Shard)? first = null;
            while (queue.TryPeek(out var shard, out var head))
            {
                if (first is { } f && string.Equals(f.Record.Path, head.Record.Path, StringComparison.Ordinal))
                {
                    yield return (head.Record, shard, f);
                }
                else
                {
                    first = head;
                    yield return (head.Record, shard, null);
                }

                // The head's shard's next record replaces it in one sift-down: a shard whose records come in a run (the
                // usual case, shards being parts of one tree) stays at the top after a few comparisons.
                if (cursors[shard].MoveNext())
                {
                    queue.DequeueEnqueue(shard, (cursors[shard].Current, shard));
                }
                else
                {
                    queue.Dequeue();
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }
}
