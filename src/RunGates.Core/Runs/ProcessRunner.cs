using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Runs;

/// <summary>
/// Runs a <see cref="CommandSpec"/> with a timeout, collecting stdout and stderr interleaved as they arrive, masked.
/// A process that outlives its timeout, or whose run is cancelled (SIGINT, SIGTERM), is killed with its whole tree: on
/// Linux and macOS it runs in a session and process group of its own (through <c>setsid</c>), so the group is killed
/// in one call, grandchildren whose parent already died included; then whatever is still a descendant.
/// </summary>
public sealed class ProcessRunner
{
    private readonly SecretMasker _masker;

    public ProcessRunner(SecretMasker masker) => _masker = masker;

    public async Task<ProcessResult> RunAsync(
        CommandSpec command,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        TextWriter? echo = null)
    {
        var startInfo = CreateStartInfo(command, workingDirectory, out var ownGroup);
        if (environment is not null)
        {
            // The environment handed in is the whole environment: front doors pass the process's own, tests their own.
            startInfo.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        var gate = new object();
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            var masked = _masker.Apply(line);
            lock (gate)
            {
                output.Append(masked).Append('\n');
                echo?.WriteLine(masked);
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or FileNotFoundException)
        {
            return new ProcessResult(null, "", stopwatch.Elapsed, false, _masker.Apply($"could not start {command}: {e.Message}"));
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            KillTree(process, ownGroup);

            // Bounded: a descendant that left the group (setsid of its own) may still hold the pipes open.
            using var drain = new CancellationTokenSource(DrainTimeout);
            try
            {
                await process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // What it wrote so far is kept; the rest is lost with the process.
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        if (!timedOut)
        {
            // The parameterless wait drains the redirected streams after exit.
            process.WaitForExit();
        }

        string text;
        lock (gate)
        {
            text = output.ToString();
        }

        return new ProcessResult(timedOut ? null : process.ExitCode, text, stopwatch.Elapsed, timedOut, null);
    }

    private static void KillTree(Process process, bool ownGroup)
    {
        // The group first: a grandchild whose parent died is no longer a descendant the tree walk can find.
        if (ownGroup)
        {
            try
            {
                _ = Kill(-process.Id, SigKill);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // No libc kill: the tree walk below still ends every descendant.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It ended between the timeout and the kill.
        }
    }

    private static ProcessStartInfo CreateStartInfo(CommandSpec command, string workingDirectory, out bool ownGroup)
    {
        ProcessStartInfo startInfo;
        var (file, arguments) = command.ShellText is { } text
            ? (OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh", new[] { OperatingSystem.IsWindows() ? "/c" : "-c", text })
            : (command.Arguments![0], command.Arguments.Skip(1).ToArray());

        // setsid(1) execs the command in place (same pid) as the leader of a new session and process group. Only for a
        // program that resolves: one that does not must still fail to start with .NET's own message, not setsid's.
        var resolved = Setsid is null ? null : Resolve(file);
        ownGroup = resolved is not null;
        startInfo = new ProcessStartInfo(resolved is null ? file : Setsid!);
        if (resolved is not null)
        {
            startInfo.ArgumentList.Add(resolved);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.WorkingDirectory = workingDirectory;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;
        return startInfo;
    }

    private const int SigKill = 9;

    /// <summary>How long a killed process's output may take to reach its end.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The setsid program, or null where there is none (Windows, a minimal image): then only the tree walk kills.</summary>
    private static readonly string? Setsid = OperatingSystem.IsWindows() ? null : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// The program <paramref name="file"/> names, as an absolute path, resolved as .NET would (a path with a slash against
    /// this process's folder, a bare name on PATH); null when that finds no executable file, so .NET reports it as before.
    /// </summary>
    private static string? Resolve(string file)
    {
        var candidates = file.Contains('/', StringComparison.Ordinal)
            ? [Path.GetFullPath(file)]
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(folder => Path.GetFullPath(Path.Combine(folder, file)));
        return candidates.FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
