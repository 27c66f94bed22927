using System.Collections.Concurrent;
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
            // The ledger is shared, so its entries are input like any other: one that climbs out of the folder or leads
            // out through a link is refused with its line, never rehashed into the ledger as if it belonged there.
            var folders = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var refused = new List<IntegrityProblem>();
            foreach (var record in LedgerReader.Read(ledger).Records)
            {
                var full = Path.Combine(root, record.Path);
                if (RootedPath.Refusal(record.Path) is { } form)
                {
                    refused.Add(Refused(record, form, ledger));
                }
                else if (ExistsAsFile(full))
                {
                    if (RootedPath.Escape(root, full, folders) is { } escape)
                    {
                        refused.Add(Refused(record, escape, ledger));
                    }
                    else
                    {
                        relative.Add(record.Path);
                    }
                }
            }

            if (refused.Count > 0)
            {
                throw new LedgerBuildException(refused);
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

    private static IntegrityProblem Refused(LedgerRecord record, string reason, string ledger) =>
        new(DiagnosticCatalog.PathEscapesRoot, record.Path, $"{reason} ({Path.GetFileName(ledger)} line {record.Line}); the ledger was not updated", record.Line, record.Column);

    /// <summary>
    /// Whether a file (not a folder) is at <paramref name="full"/>, links followed. .NET's File.Exists cannot name a
    /// file whose name is not UTF-8 (it asks for the U+FFFD spelling), so such a name is asked of the kernel by its
    /// bytes; dropping its entry as gone would lose a record of a file that is still there.
    /// </summary>
    private static bool ExistsAsFile(string full)
    {
        if (!FileNameEncoding.HasEscapes(full) || !OperatingSystem.IsLinux() || !LinuxFile.FlagsKnown)
        {
            return File.Exists(full);
        }

        var descriptor = LinuxFile.Open(full, LinuxFile.ReadOnlyCloseOnExec | LinuxFile.NonBlocking);
        if (descriptor < 0)
        {
            // Absent (ENOENT, or ENOTDIR: a parent is a file), as File.Exists says; a file that exists but cannot be
            // opened is kept, so its hashing names why.
            return System.Runtime.InteropServices.Marshal.GetLastPInvokeError() is not (LinuxFile.NoSuchFile or 20);
        }

        _ = LinuxFile.Close(descriptor);
        var folder = LinuxFile.Open(full, LinuxFile.ReadOnlyCloseOnExec | LinuxFile.DirectoryOnly);
        if (folder < 0)
        {
            return true;
        }

        _ = LinuxFile.Close(folder);
        return false;
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
