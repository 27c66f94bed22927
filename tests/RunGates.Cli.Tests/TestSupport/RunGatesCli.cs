using System.Diagnostics;

namespace RunGates.Cli.Tests.TestSupport;

/// <summary>Runs the CLI in-process with its own streams, environment and folder, or as a real process.</summary>
internal static class RunGatesCli
{
    public static async Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                env[name] = value;
            }
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, env, workingDirectory);
        var exit = await RunGatesApp.RunAsync(args, console, CancellationToken.None);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliRun> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    /// <summary>Starts the built rungates.dll as its own process, as a user or CI would.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rungates.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        return Process.Start(startInfo)!;
    }

    /// <summary>
    /// Starts the built rungates.dll with only <paramref name="environment"/> and what the dotnet host needs (HOME,
    /// TMPDIR, DOTNET_*), so no variable of the test process leaks into a run that checks variables.
    /// </summary>
    public static Process StartIsolated(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rungates.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var inherited = startInfo.Environment.Where(e => e.Key is "HOME" or "TMPDIR" or "PATH" || e.Key.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList();
        startInfo.Environment.Clear();
        foreach (var (name, value) in inherited)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return Process.Start(startInfo)!;
    }

    public static async Task<CliRun> CompleteAsync(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
