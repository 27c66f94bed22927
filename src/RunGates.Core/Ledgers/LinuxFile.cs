using System.Runtime.InteropServices;

namespace RunGates.Core.Ledgers;

/// <summary>
/// The libc calls the walk and the hasher make on Linux: open, openat, getdents64, statx, pread, close (see
/// <see cref="Sha256FileHasher"/> and <see cref="FolderListing"/> for why).
/// </summary>
internal static class LinuxFile
{
    /// <summary>O_RDONLY | O_CLOEXEC, the same on every Linux architecture .NET runs on.</summary>
    public const int ReadOnlyCloseOnExec = 0x80000;

    /// <summary>O_NOFOLLOW, which differs between architectures; -1 where it is not known here.</summary>
    public static int NoFollow { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x20000,
        Architecture.Arm64 or Architecture.Arm => 0x8000,
        _ => -1,
    };

    /// <summary>O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.</summary>
    public const int NonBlocking = 0x800;

    /// <summary>O_DIRECTORY, which differs between architectures as O_NOFOLLOW does; -1 where it is not known here.</summary>
    public static int DirectoryOnly { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x10000,
        Architecture.Arm64 or Architecture.Arm => 0x4000,
        _ => -1,
    };

    /// <summary>Whether the flags above are known for this architecture, so the descriptor-based walk can run.</summary>
    public static bool FlagsKnown => NoFollow >= 0 && DirectoryOnly >= 0;

    /// <summary>errno values the walk tells apart.</summary>
    public const int NoSuchFile = 2;

    public const int Interrupted = 4;

    public const int TooManyLinks = 40;

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static extern int OpenAt(int directory, ref byte path, int flags);

    /// <summary>
    /// openat(2) of the NUL-terminated name at <paramref name="name"/>[<paramref name="offset"/>..] relative to the open
    /// folder <paramref name="directory"/>: one path component for the kernel to look up, not the whole path. Retried
    /// when interrupted.
    /// </summary>
    public static int OpenAt(int directory, byte[] name, int offset, int flags)
    {
        while (true)
        {
            var descriptor = OpenAt(directory, ref name[offset], flags);
            if (descriptor >= 0 || Marshal.GetLastPInvokeError() != Interrupted)
            {
                return descriptor;
            }
        }
    }

    [DllImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    private static extern nint GetDents64(int directory, ref byte buffer, nint count);

    /// <summary>getdents64(2): the next entries of the open folder into <paramref name="buffer"/>; 0 at the end, -1 on error.</summary>
    public static int ReadEntries(int directory, byte[] buffer) =>
        (int)GetDents64(directory, ref MemoryMarshal.GetArrayDataReference(buffer), buffer.Length);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxAt(int directory, ref byte path, int flags, uint mask, ref StatxBuffer buffer);

    /// <summary>
    /// The file type bits (S_IFMT) of the NUL-terminated name at <paramref name="name"/>[<paramref name="offset"/>..] in
    /// the open folder, without following a link; -1 when it cannot be examined. For the file systems whose listings
    /// give no type (DT_UNKNOWN).
    /// </summary>
    public static int TypeAt(int directory, byte[] name, int offset)
    {
        const int AtSymlinkNoFollow = 0x100;
        const uint Type = 0x1;
        var buffer = default(StatxBuffer);
        return StatxAt(directory, ref name[offset], AtSymlinkNoFollow, Type, ref buffer) == 0 ? buffer.Mode & 0xF000 : -1;
    }

    /// <summary>
    /// The file type bits (S_IFMT) of <paramref name="path"/> by its bytes (surrogate escapes become the bytes they
    /// stand for), the last component's own type when <paramref name="followLink"/> is off; -1 when it cannot be examined.
    /// </summary>
    public static int TypeOf(string path, bool followLink)
    {
        const int CurrentFolder = -100;
        const int AtSymlinkNoFollow = 0x100;
        const uint Type = 0x1;
        var buffer = default(StatxBuffer);
        var name = FileNameEncoding.EncodeForLibc(path);
        return StatxAt(CurrentFolder, ref name[0], followLink ? 0 : AtSymlinkNoFollow, Type, ref buffer) == 0 ? buffer.Mode & 0xF000 : -1;
    }

    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    private static extern nint ReadLink(byte[] path, byte[] buffer, nint size);

    /// <summary>
    /// readlink(2) of <paramref name="path"/> by its bytes: the link's target (a target that is not UTF-8 carries
    /// surrogate escapes, see <see cref="FileNameEncoding"/>), or null when it is not a link or does not exist.
    /// </summary>
    public static string? ReadLink(string path)
    {
        var name = FileNameEncoding.EncodeForLibc(path);
        var buffer = new byte[4096];
        var length = ReadLink(name, buffer, buffer.Length);
        return length < 0 ? null : FileNameEncoding.Decode(buffer.AsSpan(0, (int)length));
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    /// <summary>open(2) of the name's bytes (surrogate escapes become the bytes they stand for, see <see cref="FileNameEncoding"/>).</summary>
    public static int Open(string path, int flags) => Open(FileNameEncoding.EncodeForLibc(path), flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, ref StatxBuffer buffer);

    /// <summary>struct statx, 256 bytes on every architecture; stx_mode (u16 at 28), stx_size (u64 at 40) and stx_dev_major (u32 at 136) are read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(136)] public uint DeviceMajor;
    }

    private static readonly byte[] EmptyPath = [0];

    /// <summary>
    /// What the open <paramref name="descriptor"/> is, from statx on the descriptor itself (so what was checked is what
    /// is read): null for a regular file, with its size, or a sentence fragment for anything else. When statx itself
    /// fails the size is -1 and the descriptor is taken as a file: the read that follows reports the real error.
    /// </summary>
    public static string? DescribeNonRegular(int descriptor, out long size) => DescribeNonRegular(descriptor, out size, out _);

    /// <summary>
    /// As <see cref="DescribeNonRegular(int, out long)"/>, with the major number of the device holding the file (always
    /// filled by statx): 0 for the kernel's anonymous devices (proc, sysfs, tmpfs, overlay ...), -1 when statx failed.
    /// </summary>
    public static string? DescribeNonRegular(int descriptor, out long size, out long deviceMajor)
    {
        const int AtEmptyPath = 0x1000;
        const uint TypeAndSize = 0x1 | 0x200;
        var buffer = default(StatxBuffer);
        if (Statx(descriptor, EmptyPath, AtEmptyPath, TypeAndSize, ref buffer) != 0)
        {
            size = -1;
            deviceMajor = -1;
            return null;
        }

        size = (long)buffer.Size;
        deviceMajor = buffer.DeviceMajor;
        return (buffer.Mode & 0xF000) switch
        {
            0x8000 => null,
            0x4000 => "is a folder, not a file",
            0x1000 => "is a named pipe (FIFO), not a regular file",
            0x2000 => "is a character device, not a regular file",
            0x6000 => "is a block device, not a regular file",
            0xC000 => "is a socket, not a regular file",
            _ => "is not a regular file",
        };
    }

    [DllImport("libc", EntryPoint = "close")]
    public static extern int Close(int descriptor);

    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static extern nint PRead(int descriptor, ref byte buffer, nint count, long offset);

    /// <summary>pread(2) into the start of <paramref name="buffer"/>, retried when interrupted; -1 on any other error.</summary>
    public static int ReadAt(int descriptor, byte[] buffer, int count, long offset)
    {
        while (true)
        {
            var read = PRead(descriptor, ref MemoryMarshal.GetArrayDataReference(buffer), count, offset);
            if (read >= 0 || Marshal.GetLastPInvokeError() != Interrupted)
            {
                return (int)read;
            }
        }
    }
}
