using System.Runtime.InteropServices;

namespace RunGates.Core.Ledgers;

/// <summary>The three libc calls the hasher makes on Linux (see <see cref="Sha256FileHasher"/> for why).</summary>
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

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close")]
    public static extern int Close(int descriptor);

    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static extern nint PRead(int descriptor, ref byte buffer, nint count, long offset);

    /// <summary>pread(2) into the start of <paramref name="buffer"/>, retried when interrupted; -1 on any other error.</summary>
    public static int ReadAt(int descriptor, byte[] buffer, int count, long offset)
    {
        const int Interrupted = 4;
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
