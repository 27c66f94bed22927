using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RunGates.Core.Paths;

/// <summary>
/// The one way RunGates opens a file it reads: only a regular file, and never by blocking on the open. On Linux the
/// file is opened with O_NONBLOCK (a FIFO with no writer would otherwise wait forever), then its type is read from the
/// open descriptor with statx, so what was checked is what is read; a named pipe, device, socket or folder is refused
/// with a sentence saying what it is, and so is a file on a kernel pseudo file system such as /proc or /sys, whose
/// sizes are made up and whose contents may never end. Elsewhere .NET's own open is used after a type check.
/// </summary>
public static class RegularFile
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int SetFlags = 4;
    private const int Interrupted = 4;

    /// <summary>
    /// Opens <paramref name="path"/> for reading when it is a regular file; otherwise returns null and sets
    /// <paramref name="problem"/> to a sentence fragment such as "is a named pipe (FIFO), not a regular file".
    /// Missing files and denied access still throw as <see cref="File.OpenHandle"/> does, so callers keep their
    /// own wording for those.
    /// </summary>
    public static SafeFileHandle? TryOpenRead(string path, out string? problem)
    {
        problem = null;
        if (!OperatingSystem.IsLinux())
        {
            return TryOpenReadPortable(path, out problem);
        }

        var descriptor = OpenDescriptor(path, followLink: true, out _, out problem, out _);
        if (descriptor < 0)
        {
            return null;
        }

        // A regular file ignores O_NONBLOCK, but clear it so the descriptor behaves as any other read handle.
        _ = Fcntl(descriptor, SetFlags, ReadOnly);
        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>
    /// Whether <see cref="OpenDescriptor"/> can open without following a link in the file's own name (Linux, with
    /// O_NOFOLLOW known for this architecture).
    /// </summary>
    internal static bool CanOpenWithoutFollowing => OperatingSystem.IsLinux() && Ledgers.LinuxFile.NoFollow >= 0;

    /// <summary>
    /// The Linux core of <see cref="TryOpenRead"/>, for a reader that reads the descriptor itself (pread) and closes it
    /// (<see cref="Ledgers.LinuxFile.Close"/>): the descriptor of <paramref name="path"/> opened read-only, non-blocking
    /// and close-on-exec, with its <paramref name="size"/> from the statx that tells its type, so a file costs open,
    /// statx, reads and close. Returns -1 with <paramref name="problem"/> set when it is no regular file; with
    /// <paramref name="followLink"/> false (only when <see cref="CanOpenWithoutFollowing"/>) the open uses O_NOFOLLOW and
    /// returns -1 with <paramref name="isLink"/> set when the name itself is a symbolic link, nothing opened: the
    /// caller then checks where it leads before following it. Missing files and denied access throw as
    /// <see cref="File.OpenHandle"/> does.
    /// </summary>
    internal static int OpenDescriptor(string path, bool followLink, out long size, out string? problem, out bool isLink)
    {
        const int TooManyLinks = 40;
        size = -1;
        problem = null;
        isLink = false;
        var flags = ReadOnly | NonBlocking | CloseOnExec | (followLink ? 0 : Ledgers.LinuxFile.NoFollow);
        int descriptor;
        do
        {
            descriptor = Open(path, flags);
        }
        while (descriptor < 0 && Marshal.GetLastPInvokeError() == Interrupted);

        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is 6 or 19)
            {
                // ENXIO (a FIFO or socket with no reader/writer) and ENODEV: not a regular file, and .NET's open would block or fail oddly.
                problem = "is a named pipe, socket or device, not a regular file";
                return -1;
            }

            if (!followLink && errno == TooManyLinks)
            {
                // O_NOFOLLOW met a link as the last component (or the path has too many links): the caller resolves it.
                isLink = true;
                return -1;
            }

            // Let .NET produce its usual exception (FileNotFoundException, UnauthorizedAccessException, ...).
            File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read).Dispose();
            throw new IOException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path} could not be opened (errno {errno})"));
        }

        problem = DescribeNonRegular(descriptor, out size);
        if (problem is not null)
        {
            _ = Ledgers.LinuxFile.Close(descriptor);
            return -1;
        }

        return descriptor;
    }

    /// <summary>pread(2) of up to <paramref name="into"/>'s length at <paramref name="offset"/>, retried when interrupted; -1 on any other error.</summary>
    internal static int ReadAt(int descriptor, Span<byte> into, long offset)
    {
        while (true)
        {
            var read = PRead(descriptor, ref MemoryMarshal.GetReference(into), into.Length, offset);
            if (read >= 0 || Marshal.GetLastPInvokeError() != Interrupted)
            {
                return (int)read;
            }
        }
    }

    /// <summary>
    /// Why <paramref name="folder"/> may not be walked as a tree of files (a kernel pseudo file system such as /proc,
    /// /sys or a cgroup tree), or null when it may. A path that cannot be examined gives null: the walk reports it.
    /// </summary>
    public static string? DescribePseudoFileSystem(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fs = default(StatFsBuffer);
        return StatFs(folder, ref fs) == 0 ? FolderRefusal(fs.Type) : null;
    }

    /// <summary>As <see cref="DescribePseudoFileSystem(string)"/>, for a folder the walk holds open (fstatfs on its descriptor).</summary>
    internal static string? DescribePseudoFileSystem(int descriptor)
    {
        var fs = default(StatFsBuffer);
        return FStatFs(descriptor, ref fs) == 0 ? FolderRefusal(fs.Type) : null;
    }

    private static string? FolderRefusal(long fileSystemType) =>
        PseudoFileSystemName(fileSystemType) is { } name ? $"is on the kernel's {name} pseudo file system, whose files are not data" : null;

    private static string? DescribeNonRegular(int descriptor, out long size)
    {
        // The file's type, from statx on the descriptor: the ledger's hasher asks the same question the same way.
        if (Ledgers.LinuxFile.DescribeNonRegular(descriptor, out size, out var deviceMajor) is { } kind)
        {
            return kind;
        }

        // Kernel pseudo file systems (all those below) sit on anonymous devices, major number 0; a file on a block
        // device (ext4 on a disk, the usual evidence folder) cannot be one, so only the others cost an fstatfs.
        if (deviceMajor > 0)
        {
            return null;
        }

        var fs = default(StatFsBuffer);
        return FStatFs(descriptor, ref fs) == 0 && PseudoFileSystemName(fs.Type) is { } name
            ? $"is on the kernel's {name} pseudo file system, not a regular file of data"
            : null;
    }

    /// <summary>struct statfs (120 bytes on 64-bit Linux, room to spare here); only f_type, the first field, is read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct StatFsBuffer
    {
        [FieldOffset(0)] public long Type;
    }

    private static string? PseudoFileSystemName(long magic) => magic switch
    {
        0x9fa0 => "proc",
        0x62656572 => "sysfs",
        0x64626720 => "debugfs",
        0x74726163 => "tracefs",
        0x63677270 or 0x27e0eb => "cgroup",
        0x73636673 => "securityfs",
        0x1cd1 => "devpts",
        0xcafe4a11 => "bpf",
        _ => null,
    };

    private static SafeFileHandle? TryOpenReadPortable(string path, out string? problem)
    {
        problem = null;
        if (Directory.Exists(path))
        {
            problem = "is a folder, not a file";
            return null;
        }

        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    /// <summary>open(2) of the name's bytes: a name that is not UTF-8 is carried in surrogate escapes (Ledgers/FileNameEncoding).</summary>
    private static int Open(string path, int flags) => Open(Ledgers.FileNameEncoding.EncodeForLibc(path), flags);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static extern nint PRead(int descriptor, ref byte buffer, nint count, long offset);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int descriptor, int command, int argument);

    [DllImport("libc", EntryPoint = "fstatfs", SetLastError = true)]
    private static extern int FStatFs(int descriptor, ref StatFsBuffer buffer);

    private static int StatFs(string path, ref StatFsBuffer buffer) => StatFs(Ledgers.FileNameEncoding.EncodeForLibc(path), ref buffer);

    [DllImport("libc", EntryPoint = "statfs", SetLastError = true)]
    private static extern int StatFs(byte[] path, ref StatFsBuffer buffer);
}
