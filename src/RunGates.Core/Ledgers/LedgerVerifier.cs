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
        var read = LedgerReader.Read(full);
        var root = Path.GetDirectoryName(full)!;
        var verification = Verify(root, read.Records, Path.GetFileName(full), reportUnlisted, [Path.GetFileName(full)], cancellationToken);
        return verification with { Problems = [.. read.Problems, .. verification.Problems] };
    }

    /// <summary>
    /// Verifies <paramref name="records"/> against <paramref name="root"/>. <paramref name="source"/> names the ledger in
    /// messages; <paramref name="notListed"/> are globs of files that are never reported as unlisted.
    /// </summary>
    public static LedgerVerification Verify(
        string root,
        IReadOnlyList<LedgerRecord> records,
        string source,
        bool reportUnlisted,
        IReadOnlyList<string> notListed,
        CancellationToken cancellationToken = default) =>
        Verify(root, records, source, reportUnlisted, notListed, null, cancellationToken);

    /// <summary>As the overload without <paramref name="progress"/>, counting the hashed files and bytes into it.</summary>
    public static LedgerVerification Verify(
        string root,
        IReadOnlyList<LedgerRecord> records,
        string source,
        bool reportUnlisted,
        IReadOnlyList<string> notListed,
        HashProgress? progress,
        CancellationToken cancellationToken = default)
    {
        var fullRoot = Path.GetFullPath(root);
        if (Paths.RegularFile.DescribePseudoFileSystem(fullRoot) is { } pseudo)
        {
            // /proc and its kind hold no data and may loop: nothing under such a root is read, every entry fails.
            return new LedgerVerification(
                [.. records.Select(r => new IntegrityProblem(DiagnosticCatalog.PseudoFileSystemRoot, r.Path, $"lies under the root {fullRoot}, which {pseudo} ({source} line {r.Line}); refused, not read", r.Line, r.Column))],
                0);
        }

        var realRoot = RootedPath.Real(fullRoot);
        var problems = new List<IntegrityProblem>();
        var toHash = new List<(LedgerRecord Record, string FullPath)>();
        // One ledger giving one path two digests can never verify both; name every line rather than pick one.
        foreach (var group in records.GroupBy(r => r.Path, StringComparer.Ordinal).Where(g => g.Select(r => r.Sha256).Distinct().Skip(1).Any()))
        {
            problems.Add(new IntegrityProblem(DiagnosticCatalog.LedgerConflict, group.Key,
                $"listed with different SHA-256 digests at {source} lines {string.Join(", ", group.Select(r => r.Line))}; expected one digest", group.First().Line, group.First().Column));
        }

        var checkable = new List<LedgerRecord>();
        foreach (var record in records)
        {
            if (RootedPath.Refusal(record.Path) is { } refusal)
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, record.Path, $"{refusal} ({source} line {record.Line}); refused, not read", record.Line, record.Column));
            }
            else
            {
                checkable.Add(record);
            }
        }

        // Each worker resolves its path (links checked component by component, folders once for all) and hashes it,
        // so the link checks run in parallel with the reading instead of before it. A plain file needs no check of its
        // own: it is opened without following a link, and anything else is looked at closely.
        var folders = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var found = new IntegrityProblem?[checkable.Count];
        var verified = 0;
        Sha256FileHasher.HashEach(
            Enumerable.Range(0, checkable.Count),
            i => Guess(fullRoot, realRoot, checkable[i], folders),
            (i, digest) =>
            {
                var record = checkable[i];
                if (digest.NotRegular)
                {
                    found[i] = new IntegrityProblem(DiagnosticCatalog.NotARegularFile, record.Path,
                        $"expected a regular file with SHA-256 {record.Sha256} ({source} line {record.Line}); it {digest.Error}, refused, not read", record.Line, record.Column);
                }
                else if (!digest.Succeeded)
                {
                    found[i] = new IntegrityProblem(DiagnosticCatalog.FileMissing, record.Path, $"cannot be read: {digest.Error} ({source} line {record.Line})", record.Line, record.Column);
                }
                else if (!string.Equals(digest.Sha256, record.Sha256, StringComparison.Ordinal))
                {
                    found[i] = new IntegrityProblem(DiagnosticCatalog.DigestMismatch, record.Path,
                        $"SHA-256 is {digest.Sha256}, expected {record.Sha256} ({source} line {record.Line})", record.Line, record.Column);
                }
                else
                {
                    Interlocked.Increment(ref verified);
                }
            },
            progress,
            countTotals: true,
            cancellationToken,
            i => Resolve(fullRoot, realRoot, checkable[i], source, folders, out found[i]));
        problems.AddRange(found.OfType<IntegrityProblem>());

        if (reportUnlisted)
        {
            var listed = records.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
            var scan = TreeScanner.Scan(fullRoot, ["**/*"], notListed, cancellationToken);
            foreach (var file in scan.Files.Where(f => !listed.Contains(f.RelativePath)))
            {
                problems.Add(new IntegrityProblem(DiagnosticCatalog.FileUnlisted, file.RelativePath, $"is on disk but not listed in {source}"));
            }

            problems.AddRange(scan.Problems.Where(p => !listed.Contains(p.Path)));
        }

        problems.Sort(CompareProblems);
        return new LedgerVerification(problems, verified);
    }

    /// <summary>
    /// Where <paramref name="record"/> lies if its last component is a plain file: its folder resolved (once per
    /// folder) and its name appended. The hasher opens it without following a link, so a link, a folder or a missing
    /// file there falls to <see cref="Resolve"/>; that spares an lstat per file. Null when the folder leaves the root.
    /// </summary>
    private static string? Guess(string fullRoot, string realRoot, LedgerRecord record, ConcurrentDictionary<string, string> folders)
    {
        var full = Path.GetFullPath(Path.Combine(fullRoot, record.Path));
        if (Path.GetDirectoryName(full) is not { } parent)
        {
            return null;
        }

        string real;
        try
        {
            real = Path.Join(RootedPath.RealFolder(parent, folders), Path.GetFileName(full));
        }
        catch (IOException)
        {
            return null;
        }

        return RootedPath.IsInside(realRoot, real) ? real : null;
    }

    /// <summary>The real path to hash for <paramref name="record"/>, or null with the reason it may not or cannot be read.</summary>
    private static string? Resolve(string fullRoot, string realRoot, LedgerRecord record, string source, ConcurrentDictionary<string, string> folders, out IntegrityProblem? problem)
    {
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

    internal static int CompareProblems(IntegrityProblem a, IntegrityProblem b)
    {
        var byPath = Utf8OrdinalComparer.Instance.Compare(a.Path, b.Path);
        return byPath != 0 ? byPath : a.Line.CompareTo(b.Line);
    }
}
