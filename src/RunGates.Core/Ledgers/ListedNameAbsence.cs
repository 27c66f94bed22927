namespace RunGates.Core.Ledgers;

/// <summary>
/// Whether a name a ledger lists is absent in the sense <c>sha256sum --ignore-missing</c> skips: what open(2) calls
/// ENOENT, and nothing else. On Linux the kernel is asked by the name's own bytes (<see cref="FileNameEncoding"/>), so a
/// name that is not UTF-8 is looked up as it is on disk, never as .NET's U+FFFD spelling of it (which would find
/// nothing and let a tampered file be skipped).
/// </summary>
public static class ListedNameAbsence
{
    // O_PATH: resolves the name as open(2) does (following links, ENOTDIR for a name under a file or ending in '/'
    // over one) without opening the file itself, so a FIFO or a device is neither blocked on nor touched.
    private const int PathOnly = 0x200000;

    /// <summary>True when nothing is at <paramref name="relative"/> below <paramref name="root"/>, as open(2) would say ENOENT.</summary>
    public static bool IsAbsent(string root, string relative)
    {
        var full = Path.Combine(root, relative);
        if (OperatingSystem.IsLinux())
        {
            var descriptor = LinuxFile.Open(full, PathOnly | LinuxFile.ReadOnlyCloseOnExec);
            if (descriptor >= 0)
            {
                _ = LinuxFile.Close(descriptor);
                return false;
            }

            return System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == LinuxFile.NoSuchFile;
        }

        return IsAbsentPortable(root, full);
    }

    private static bool IsAbsentPortable(string root, string full)
    {
        // Nothing at the name (a name ending in '/' over a file is ENOTDIR, not absent), and no parent that is a file.
        full = Path.TrimEndingDirectorySeparator(full);
        if (File.Exists(full) || Directory.Exists(full) || new FileInfo(full).LinkTarget is not null)
        {
            return false;
        }

        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        for (var parent = Path.GetDirectoryName(full); parent is not null && parent.Length > top.Length; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent))
            {
                return true;
            }

            if (File.Exists(parent))
            {
                return false;
            }
        }

        return true;
    }
}
