using System.Diagnostics;
using System.Text;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Runs;

/// <summary>
/// Runs a <see cref="CommandSpec"/> with a timeout, collecting stdout and stderr interleaved as they arrive, masked.
/// A process that outlives its timeout is killed with its whole tree.
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
        var startInfo = CreateStartInfo(command, workingDirectory);
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
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended between the timeout and the kill.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // The parameterless wait drains the redirected streams after exit.
        process.WaitForExit();
        string text;
        lock (gate)
        {
            text = output.ToString();
        }

        return new ProcessResult(timedOut ? null : process.ExitCode, text, stopwatch.Elapsed, timedOut, null);
    }

    private static ProcessStartInfo CreateStartInfo(CommandSpec command, string workingDirectory)
    {
        ProcessStartInfo startInfo;
        if (command.ShellText is { } text)
        {
            startInfo = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", text } } : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", text } };
        }
        else
        {
            startInfo = new ProcessStartInfo(command.Arguments![0]);
            foreach (var argument in command.Arguments.Skip(1))
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        startInfo.WorkingDirectory = workingDirectory;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;
        return startInfo;
    }
}
