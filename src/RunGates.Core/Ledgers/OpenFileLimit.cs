using System.Runtime.InteropServices;

namespace RunGates.Core.Ledgers;

/// <summary>
/// The process's limit on open files (<c>ulimit -n</c>, RLIMIT_NOFILE), for a merge that holds every shard open at
/// once. The soft limit is often 1024 while the hard limit is far higher; CoreCLR raises the soft limit to the hard one
/// at start-up, Native AOT does not, so a merge of a thousand shards raises it itself before it opens them.
/// </summary>
internal static class OpenFileLimit
{
    /// <summary>RLIMIT_NOFILE: 7 on x64 and Arm64 Linux (the generic and x86 numbering), where rlim_t is 64 bits.</summary>
    private const int NoFile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetLimit(int resource, out ResourceLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetLimit(int resource, ref ResourceLimit limit);

    private static bool Known => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>
    /// Makes room for <paramref name="needed"/> open files, raising the soft limit to that (never past the hard limit)
    /// if it is lower, and gives the limit now in force; null where the limit is not known here (another system, a 32-bit process),
    /// and then the opens themselves say if they fail.
    /// </summary>
    public static long? Ensure(long needed)
    {
        if (!Known || GetLimit(NoFile, out var limit) != 0)
        {
            return null;
        }

        if (limit.Current < (ulong)needed && limit.Maximum > limit.Current)
        {
            var raised = limit with { Current = Math.Min(limit.Maximum, (ulong)needed) };
            if (SetLimit(NoFile, ref raised) == 0)
            {
                limit = raised;
            }
        }

        return limit.Current > long.MaxValue ? long.MaxValue : (long)limit.Current;
    }
}
