using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests;

/// <summary>
/// SIGINT and SIGTERM against the real tool, as CI sends them: the step's whole process group ends (a grandchild
/// whose parent already died included), the bundle stays uncommitted and stderr says so, exit 130 or 143.
/// </summary>
public sealed class CliSignalsTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// A step whose shell starts an orphan (its parent sh exits at once, so it is no descendant any more) that holds the
    /// step's stdout, then sleeps itself: only a process-group kill ends both.
    /// </summary>
    private Process StartSleepingRun()
    {
        _folder.Write("rungates.yml", """
            version: 1
            name: signalled
            run:
              bundles: out
              steps:
                - id: slow
                  run: "sh -c 'sleep 300 & echo $! > orphan.tmp; mv orphan.tmp orphan.pid'; sleep 300"
            gates:
              - { id: never, files: [nothing.txt] }
            """);
        var process = RunGatesCli.Start(_folder.Path, null, "run", "--quiet");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(_folder["orphan.pid"]))
        {
            Assert.True(clock.Elapsed < Guard, "the step never started its grandchild");
            Assert.False(process.HasExited, "rungates ended before its step started");
            Thread.Sleep(50);
        }

        return process;
    }

    private static void Send(Process process, string signal)
    {
        var sent = ExternalTool.Run(Path.GetTempPath(), "kill", "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(sent.ExitCode == 0, sent.Error);
    }

    private static bool Alive(int pid)
    {
        // A zombie is dead: only its parent's wait is missing (in a container, PID 1 may never reap it).
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void AssertEndedUncommitted(CliRun run, int pid, string signal, int exitCode)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains($"error RG0004: cancelled by {signal}; the step's processes were ended and the bundle out/", run.Error, StringComparison.Ordinal);
        Assert.Contains("was left uncommitted (no artifact_index.json, LATEST not moved).", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Error, StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        while (Alive(pid) && clock.Elapsed < Guard)
        {
            Thread.Sleep(50);
        }

        Assert.False(Alive(pid), $"the step's grandchild {pid} outlived the cancelled run");
        var bundle = Assert.Single(Directory.GetDirectories(_folder["out"]));
        Assert.False(File.Exists(Path.Combine(bundle, "artifact_index.json")));
        Assert.False(File.Exists(_folder["out/LATEST"]));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "run.json")));
        Assert.Equal("in_progress", manifest.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Sigterm_during_a_step_ends_its_process_group_leaves_the_bundle_uncommitted_and_exits_143()
    {
        using var process = StartSleepingRun();
        var orphan = int.Parse(File.ReadAllText(_folder["orphan.pid"]).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Alive(orphan));

        Send(process, "TERM");
        var run = await RunGatesCli.CompleteAsync(process).WaitAsync(Guard);

        AssertEndedUncommitted(run, orphan, "SIGTERM", 143);
    }

    [Fact]
    public async Task Sigint_during_a_step_exits_130()
    {
        using var process = StartSleepingRun();
        var orphan = int.Parse(File.ReadAllText(_folder["orphan.pid"]).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Send(process, "INT");
        var run = await RunGatesCli.CompleteAsync(process).WaitAsync(Guard);

        AssertEndedUncommitted(run, orphan, "SIGINT", 130);
    }

    [Fact]
    public async Task A_second_signal_while_cancelling_changes_nothing_and_never_crashes()
    {
        using var process = StartSleepingRun();
        var orphan = int.Parse(File.ReadAllText(_folder["orphan.pid"]).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Send(process, "TERM");
        // As fast as a second `kill` can follow; the process may already be gone, which is fine too.
        ExternalTool.Run(Path.GetTempPath(), "kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ExternalTool.Run(Path.GetTempPath(), "kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var run = await RunGatesCli.CompleteAsync(process).WaitAsync(Guard);

        AssertEndedUncommitted(run, orphan, "SIGTERM", 143);
    }

    [Fact]
    public async Task Sigterm_while_blocked_reading_a_fifo_still_ends_the_command()
    {
        var fifo = _folder["rungates.yml"];
        Assert.Equal(0, MakeFifo(fifo, 0x180));
        using var process = RunGatesCli.Start(_folder.Path, null, "run", "--quiet", "--spec", fifo);

        // Opening the writing end without blocking succeeds only once rungates holds the reading end: it is now
        // blocked reading a FIFO whose writer never writes. (A reader that refuses FIFOs without opening one ends by itself.)
        var writer = -1;
        var clock = Stopwatch.StartNew();
        while (writer < 0 && !process.HasExited && clock.Elapsed < Guard)
        {
            writer = Open(fifo, OpenWriteOnly | OpenNonBlocking);
            Thread.Sleep(50);
        }

        try
        {
            if (writer >= 0)
            {
                Send(process, "TERM");
            }

            var run = await RunGatesCli.CompleteAsync(process).WaitAsync(Guard);

            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
            if (writer >= 0 && run.ExitCode == 2)
            {
                // The reader opened the FIFO without blocking and refused it before the signal came: ended all the same.
                Assert.Contains("error RG1011", run.Error, StringComparison.Ordinal);
            }
            else if (writer >= 0)
            {
                Assert.True(run.ExitCode == 143, run.ToString());
                Assert.Contains("error RG0004: cancelled by SIGTERM", run.Error, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(run.ExitCode == 2, run.ToString());
            }

            Assert.False(Directory.Exists(_folder["out"]));
        }
        finally
        {
            if (writer >= 0)
            {
                _ = Close(writer);
            }
        }
    }

    private const int OpenWriteOnly = 1;
    private const int OpenNonBlocking = 0x800;

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
