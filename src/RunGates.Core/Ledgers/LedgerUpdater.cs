using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Paths;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Adds files to a SHA256SUMS that other writers share, such as a packages folder where every project's pack lands:
/// entries for the given files are (re)hashed, entries for other files that still exist are rehashed and kept, entries
/// for files that are gone are dropped. Writers are serialised with a lock file, and the ledger is replaced atomically.
/// </summary>
public static class LedgerUpdater
{
    public static IReadOnlyList<LedgerEntry> Update(string ledgerFile, IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        var ledger = Path.GetFullPath(ledgerFile);
        var root = Path.GetDirectoryName(ledger)!;
        var relative = new SortedSet<string>(Utf8OrdinalComparer.Instance);
        foreach (var file in files)
        {
            relative.Add(RelativePath.Below(root, file)
                ?? throw new LedgerBuildException([new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, file, $"is not below {root}, the folder of {Path.GetFileName(ledger)}")]));
        }

        Directory.CreateDirectory(root);
        using var lockFile = AcquireLock(ledger + ".lock", cancellationToken);
        if (File.Exists(ledger))
        {
            foreach (var record in LedgerReader.Read(ledger).Records)
            {
                if (File.Exists(Path.Combine(root, record.Path)))
                {
                    relative.Add(record.Path);
                }
            }
        }

        var paths = relative.ToList();
        var digests = Sha256FileHasher.HashAll(paths.Select(p => Path.Combine(root, p)).ToArray(), cancellationToken);
        var failures = digests.Select((d, i) => (d, i)).Where(x => !x.d.Succeeded)
            .Select(x => new IntegrityProblem(DiagnosticCatalog.FileMissing, paths[x.i], $"cannot be read: {x.d.Error}"))
            .ToList();
        if (failures.Count > 0)
        {
            throw new LedgerBuildException(failures);
        }

        var entries = paths.Select((p, i) => new LedgerEntry(p, digests[i].Sha256!, digests[i].Size)).ToList();
        AtomicFile.Write(ledger, LedgerWriter.Format(entries));
        return entries;
    }

    private static FileStream AcquireLock(string path, CancellationToken cancellationToken)
    {
        // Parallel packs of several projects into one folder take turns; a lock held for minutes is a stuck writer.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Thread.Sleep(50);
            }
        }
    }
}
