using System.Collections.Concurrent;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Checks a ledger against the files beside it. Reports every digest mismatch (RG4001), missing file (RG4002) and,
/// when asked, every unlisted file (RG4003). An entry whose path is absolute, climbs with <c>..</c>, starts with a
/// drive letter, holds a NUL or resolves through a link outside the root is refused (RG4004) and never read.
/// </summary>
public static class LedgerVerifier
{
    /// <summary>Verifies a SHA256SUMS file; its entries resolve against the folder holding it, which it never lists itself.</summary>
    public static LedgerVerification Verify(string ledgerFile, bool reportUnlisted = false, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(ledgerFile);
        using var ledger = LedgerLineStream.Open(full, full);
        return Verify(Path.GetDirectoryName(full)!, ledger, Path.GetFileName(full), reportUnlisted, [Path.GetFileName(full)], null, null, cancellationToken);
    }

    /// <summary>
    /// Verifies a ledger read as a stream (<see cref="LedgerLineStream"/>) against <paramref name="root"/>, in memory
    /// that does not grow with the ledger (beyond its problems): lines are read one at a time, hashed by the worker
    /// pool at most <see cref="RecordsInOrder.Window"/> ahead of the oldest unfinished one, and handed to <paramref name="onRecord"/>
    /// in ledger order, one call at a time, as they are settled. Duplicate paths are found by 64-bit path hashes and
    /// settled exactly by a second read of the few lines whose hashes meet. The result's problems are the malformed
    /// lines in ledger order, then every other problem sorted by path.
    /// </summary>
    public static LedgerVerification Verify(
        string root,
        LedgerLineStream ledger,
        string source,
        bool reportUnlisted,
        IReadOnlyList<string> notListed,
        HashProgress? progress,
        Action<VerifiedRecord>? onRecord,
        CancellationToken cancellationToken = default) =>
        Run(root, ledger.Lines(), ledger.Reread, source, reportUnlisted, notListed, [], progress, onRecord, cancellationToken);

    /// <summary>
    /// Verifies <paramref name="records"/> against <paramref name="root"/>. <paramref name="source"/> names the ledger in
    /// messages; <paramref name="notListed"/> are relative paths, each taken exactly as it is spelled (the ledger's own
    /// name, say: never a glob, so a ledger named <c>S*</c> hides nothing else), and <paramref name="excludeGlobs"/> globs
    /// of files, that are never reported as unlisted.
    /// </summary>
    public static LedgerVerification Verify(
        string root,
        IReadOnlyList<LedgerRecord> records,
        string source,
        bool reportUnlisted,
        IReadOnlyList<string> notListed,
        IReadOnlyList<string>? excludeGlobs = null,
        CancellationToken cancellationToken = default) =>
        Run(root, records.Select(r => new LedgerLine(r, null)), () => records, source, reportUnlisted, notListed, excludeGlobs ?? [], null, null, cancellationToken);

    /// <summary>As the overload without <paramref name="progress"/>, counting the hashed files and bytes into it.</summary>
    public static LedgerVerification Verify(
        string root,
        IReadOnlyList<LedgerRecord> records,
        string source,
        bool reportUnlisted,
        IReadOnlyList<string> notListed,
        HashProgress? progress,
        CancellationToken cancellationToken = default) =>
        Run(root, records.Select(r => new LedgerLine(r, null)), () => records, source, reportUnlisted, notListed, [], progress, null, cancellationToken);

    private static LedgerVerification Run(
        string root,
        IEnumerable<LedgerLine> lines,
        Func<IEnumerable<LedgerRecord>> reread,
        string source,
        bool reportUnlisted,
        IReadOnlyList<string> notListed,
        IReadOnlyList<string> excludeGlobs,
        HashProgress? progress,
        Action<VerifiedRecord>? onRecord,
        CancellationToken cancellationToken)
    {
        var fullRoot = Path.GetFullPath(root);
        var malformed = new List<IntegrityProblem>();
        if (Paths.RegularFile.DescribePseudoFileSystem(fullRoot) is { } pseudo)
        {
            // /proc and its kind hold no data and may loop: nothing under such a root is read, every entry fails.
            var refused = new List<IntegrityProblem>();
            foreach (var line in lines)
            {
                if (line.Malformed is { } bad)
                {
                    malformed.Add(bad);
                }
                else if (line.Record is { } r)
                {
                    var problem = new IntegrityProblem(DiagnosticCatalog.PseudoFileSystemRoot, r.Path, $"lies under the root {fullRoot}, which {pseudo} ({source} line {r.Line}); refused, not read", r.Line, r.Column);
                    refused.Add(problem);
                    onRecord?.Invoke(new VerifiedRecord(r, problem));
                }
            }

            return new LedgerVerification([.. malformed, .. refused], 0) { Records = refused.Count, Malformed = malformed.Count };
        }

        // The tree is walked first when unlisted files count, so that each record marks its file as it streams past.
        var unlisted = reportUnlisted ? new UnlistedFiles(TreeScanner.Scan(fullRoot, ["**/*"], excludeGlobs, cancellationToken)) : null;
        foreach (var exact in notListed)
        {
            unlisted?.Mark(exact);
        }

        var realRoot = RootedPath.Real(fullRoot);
        var hashes = new PathHashes();
        var reorder = new RecordsInOrder(onRecord, cancellationToken);

        // The records go to the workers in groups of consecutive lines under one folder (a ledger is sorted, so nearly
        // every line of a folder): a worker resolves the group's folder once (links checked component by component,
        // each folder once for all workers), opens it, and opens each file by its name relative to it without following
        // a link, so the link checks run in parallel with the reading and a plain file costs no check of its own.
        // Anything else (a link, a folder, a FIFO, a missing file) is resolved and looked at closely, record by record.
        var folders = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<IReadOnlyList<Pending>> Groups()
        {
            List<Pending>? group = null;
            foreach (var line in lines)
            {
                if (line.Malformed is { } bad)
                {
                    malformed.Add(bad);
                    continue;
                }

                var record = line.Record!;
                var sequence = reorder.Next();
                hashes.Add(record.Path, sequence);
                unlisted?.Mark(record.Path);
                if (RootedPath.Refusal(record.Path) is { } refusal)
                {
                    reorder.Complete(sequence, new VerifiedRecord(record,
                        new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, record.Path, $"{refusal} ({source} line {record.Line}); refused, not read", record.Line, record.Column)));
                    continue;
                }

                // A group stays well below the reorder window, so the reader, which holds the group it is filling while
                // it waits for room, never waits on a record of its own: the oldest unsettled record is with a worker.
                if (group is not null && (group.Count == GroupSize || !SameFolder(group[0].Record.Path, record.Path)))
                {
                    yield return group;
                    group = null;
                }

                (group ??= new List<Pending>(8)).Add(new Pending(sequence, record));
            }

            if (group is not null)
            {
                yield return group;
            }
        }

        try
        {
            Sha256FileHasher.HashInFolders(
                Groups(),
                g => reorder.Guarded(() => RealFolder(fullRoot, realRoot, g[0].Record, folders)),
                p => NameInFolder(p.Record),
                p => reorder.Guarded(() =>
                {
                    var real = Resolve(fullRoot, realRoot, p.Record, source, folders, out var problem);
                    if (real is null)
                    {
                        reorder.Complete(p.Sequence, new VerifiedRecord(p.Record, problem));
                    }

                    return real;
                }),
                (p, digest) => reorder.Guarded(() =>
                {
                    reorder.Complete(p.Sequence, new VerifiedRecord(p.Record, ProblemOf(p.Record, digest, source)));
                    return 0;
                }),
                progress,
                countTotals: true,
                cancellationToken);
        }
        catch (AggregateException e) when (e.InnerExceptions.Where(x => x is not OperationCanceledException).DefaultIfEmpty(e.InnerExceptions[0]).First() is var only
            && only is IOException or OperationCanceledException or UnauthorizedAccessException)
        {
            // A read error of the ledger itself, a console that went away, a cancellation: the caller's own exception.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(only);
        }

        // One ledger giving one path two digests can never verify both; name every line rather than pick one. Conflicts
        // come first, as the problems of records do, so that a sort that meets equal keys keeps them in today's order.
        var problems = Conflicts(hashes.SequencesSharingAHash(), reread, source);
        problems.AddRange(reorder.Problems);
        if (unlisted is not null)
        {
            foreach (var file in unlisted.NotMarked())
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.FileUnlisted, file, $"is on disk but not listed in {source}"));
            }

            problems.AddRange(unlisted.ScanProblemsNotListed());
        }

        problems.Sort(CompareProblems);
        return new LedgerVerification([.. malformed, .. problems], reorder.Verified) { Records = reorder.Count, Malformed = malformed.Count };
    }

    /// <summary>One record handed to the hashing workers, with its place in the ledger.</summary>
    private sealed record Pending(int Sequence, LedgerRecord Record);

    private static IntegrityProblem? ProblemOf(LedgerRecord record, FileDigest digest, string source)
    {
        if (digest.NotRegular)
        {
            return new IntegrityProblem(DiagnosticCatalog.NotARegularFile, record.Path,
                $"expected a regular file with SHA-256 {record.Sha256} ({source} line {record.Line}); it {digest.Error}, refused, not read", record.Line, record.Column);
        }

        if (!digest.Succeeded)
        {
            return new IntegrityProblem(DiagnosticCatalog.FileMissing, record.Path, $"cannot be read: {digest.Error} ({source} line {record.Line})", record.Line, record.Column);
        }

        return string.Equals(digest.Sha256, record.Sha256, StringComparison.Ordinal)
            ? null
            : new IntegrityProblem(DiagnosticCatalog.DigestMismatch, record.Path, $"SHA-256 is {digest.Sha256}, expected {record.Sha256} ({source} line {record.Line})", record.Line, record.Column);
    }

    /// <summary>RG4010 for every path listed with two digests, from the records whose path hashes meet, compared exactly.</summary>
    private static List<IntegrityProblem> Conflicts(HashSet<int> candidates, Func<IEnumerable<LedgerRecord>> reread, string source)
    {
        var problems = new List<IntegrityProblem>();
        if (candidates.Count == 0)
        {
            return problems;
        }

        var sequence = 0;
        var met = new List<LedgerRecord>();
        foreach (var record in reread())
        {
            if (candidates.Contains(sequence++))
            {
                met.Add(record);
            }
        }

        foreach (var group in met.GroupBy(r => r.Path, StringComparer.Ordinal).Where(g => g.Select(r => r.Sha256).Distinct().Skip(1).Any()))
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.LedgerConflict, group.Key,
                $"listed with different SHA-256 digests at {source} lines {string.Join(", ", group.Select(r => r.Line))}; expected one digest", group.First().Line, group.First().Column));
        }

        return problems;
    }

    /// <summary>Records handed to a worker at once, at most: far below <see cref="RecordsInOrder.Window"/> (see Groups).</summary>
    private const int GroupSize = 256;

    /// <summary>Whether two listed paths have the same folder part (all before the last '/'), compared as written.</summary>
    private static bool SameFolder(string a, string b)
    {
        var slash = a.LastIndexOf('/');
        return slash == b.LastIndexOf('/') && a.AsSpan(0, slash + 1).SequenceEqual(b.AsSpan(0, slash + 1));
    }

    /// <summary>
    /// The last component of a listed path when it is a plain name the quick open may try; empty for a name ending in
    /// '/', "." or "..", which only the careful path (<see cref="Resolve"/>) settles.
    /// </summary>
    private static ReadOnlySpan<char> NameInFolder(LedgerRecord record)
    {
        var name = record.Path.AsSpan(record.Path.LastIndexOf('/') + 1);
        return name is "." or ".." ? [] : name;
    }

    /// <summary>
    /// The real path of the folder <paramref name="record"/>'s group lies in (resolved once per folder, shared by the
    /// workers), if it lies inside the root: then each plain name in it is inside too. Null when it leaves the root or
    /// cannot be resolved, and every record of the group goes to <see cref="Resolve"/>.
    /// </summary>
    private static string? RealFolder(string fullRoot, string realRoot, LedgerRecord record, ConcurrentDictionary<string, string> folders)
    {
        // The folder as Path.GetFullPath sees it with a plain name after it, so "a//b/x" and "a/./b/x" name folder a/b.
        var listedFolder = record.Path.AsSpan(0, record.Path.LastIndexOf('/') + 1);
        if (Path.GetDirectoryName(Path.GetFullPath(Path.Join(fullRoot, string.Concat(listedFolder, "x")))) is not { } parent)
        {
            return null;
        }

        string real;
        try
        {
            real = RootedPath.RealFolder(parent, folders);
        }
        catch (IOException)
        {
            return null;
        }

        return RootedPath.IsInside(realRoot, Path.Join(real, "x")) ? real : null;
    }

    /// <summary>The real path to hash for <paramref name="record"/>, or null with the reason it may not or cannot be read.</summary>
    private static string? Resolve(string fullRoot, string realRoot, LedgerRecord record, string source, ConcurrentDictionary<string, string> folders, out IntegrityProblem? problem)
    {
        if (NamesAFolder(record))
        {
            // open("x/") fails whatever x is (ENOTDIR over a file, EISDIR over a folder): sha256sum never reads it either.
            problem = new IntegrityProblem(DiagnosticCatalog.FileMissing, record.Path,
                $"expected a file with SHA-256 {record.Sha256} ({source} line {record.Line}), found a name ending in '/', which names no file", record.Line, record.Column);
            return null;
        }

        string real;
        bool isFile;
        try
        {
            real = RootedPath.Real(Path.Combine(fullRoot, record.Path), folders, out isFile);
        }
        catch (IOException e)
        {
            problem = new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, record.Path, $"cannot be resolved: {e.Message} ({source} line {record.Line}); refused, not read", record.Line, record.Column);
            return null;
        }

        if (!RootedPath.IsInside(realRoot, real))
        {
            problem = new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, record.Path,
                $"resolves through a symbolic link to {real}, outside the root {realRoot} ({source} line {record.Line}); refused, not read", record.Line, record.Column);
            return null;
        }

        if (!isFile)
        {
            problem = new IntegrityProblem(DiagnosticCatalog.FileMissing, record.Path,
                $"expected a file with SHA-256 {record.Sha256} ({source} line {record.Line}), found {(Directory.Exists(real) ? "a folder" : "nothing")}", record.Line, record.Column);
            return null;
        }

        problem = null;
        return real;
    }

    private static bool NamesAFolder(LedgerRecord record) => record.Path.EndsWith('/');

    internal static int CompareProblems(IntegrityProblem a, IntegrityProblem b)
    {
        var byPath = Utf8OrdinalComparer.Instance.Compare(a.Path, b.Path);
        return byPath != 0 ? byPath : a.Line.CompareTo(b.Line);
    }
}
