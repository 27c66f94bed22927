using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// Runs the built CLI (<c>dotnet exec rungates.dll</c>) as its own process, as a user or CI would: a clean
/// environment, a bounded GC heap (so "out of memory" is a crash this test sees, not a machine that swaps), and a
/// hang guard that kills the whole process tree.
/// </summary>
internal static class CaseRunner
{
    /// <summary>Far above what any case needs (a second or two); a case still running then is a hang.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    /// <summary>512 MiB of managed heap: a billion-laughs expansion must fail long before it, a real runbook never gets near.</summary>
    private const string HeapHardLimit = "0x20000000";

    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "rungates.dll");

    public static CaseRun Start(string folder, IReadOnlyList<string> args, bool stdoutToDevFull, CaseSignal? signal, bool unprivileged = false)
    {
        // Root ignores file modes, so a case about a read-only folder runs the CLI as nobody through setpriv.
        var asNobody = unprivileged && geteuid() == 0;
        var startInfo = new ProcessStartInfo(stdoutToDevFull ? "/bin/sh" : asNobody ? "setpriv" : "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        if (stdoutToDevFull)
        {
            foreach (var arg in (string[])["-c", "exec \"$@\" >/dev/full", "sh", "dotnet"])
            {
                startInfo.ArgumentList.Add(arg);
            }
        }

        if (asNobody)
        {
            foreach (var arg in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet"])
            {
                startInfo.ArgumentList.Add(arg);
            }
        }

        startInfo.ArgumentList.Add("exec");
        startInfo.ArgumentList.Add(Cli);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var inherited = startInfo.Environment
            .Where(e => e.Key is "HOME" or "TMPDIR" or "PATH" || e.Key.StartsWith("DOTNET_", StringComparison.Ordinal))
            .ToList();
        startInfo.Environment.Clear();
        foreach (var (name, value) in inherited)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["LC_ALL"] = "C.UTF-8";
        startInfo.Environment["NO_COLOR"] = "1";
        startInfo.Environment["DOTNET_GCHeapHardLimit"] = HeapHardLimit;
        startInfo.Environment["DOTNET_DbgEnableMiniDump"] = "0";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (signal is not null)
        {
            Send(process, folder, signal, clock);
        }

        var left = HangGuard - clock.Elapsed;
        var timedOut = !process.WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        else
        {
            process.WaitForExit();
        }

        var streams = Task.WhenAll(output, error);
        var done = streams.Wait(TimeSpan.FromSeconds(10));
        return new CaseRun(
            timedOut ? -1 : process.ExitCode,
            done ? output.Result : "(stdout still open: a child of the CLI kept it)",
            done ? error.Result : "(stderr still open: a child of the CLI kept it)",
            folder,
            timedOut);
    }

    private static void Send(Process process, string folder, CaseSignal signal, Stopwatch clock)
    {
        var ready = Path.Combine(folder, signal.ReadyFile);
        while (!File.Exists(ready) && !process.HasExited && clock.Elapsed < HangGuard)
        {
            Thread.Sleep(50);
        }

        foreach (var number in signal.Signals)
        {
            if (process.HasExited)
            {
                return;
            }

            _ = kill(process.Id, number);
            // A second signal is meant to arrive while the first is being handled, not to race the first one's delivery.
            Thread.Sleep(300);
        }
    }

    /// <summary>True while a process with this id exists (kill with signal 0 only asks).</summary>
    public static bool IsAlive(int pid) => kill(pid, 0) == 0;

    public static void Terminate(int pid) => _ = kill(pid, 9);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern uint geteuid();
}
