using System.Diagnostics;
using System.Text;

namespace RunGates.GitHub.Tests.Container;

/// <summary>Starts podman, the publish script and the base-image script with a timeout, capturing their output.</summary>
internal static class ToolProcess
{
    public static async Task<ToolResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings must not leak into the nested `dotnet publish` that action/publish.sh runs.
        foreach (var name in ExternalTool.HostOnlyVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var commandLine = string.Join(' ', start.ArgumentList.Prepend(file).Select(Quote));
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + commandLine);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish in {timeout}:\n{await output}\n{await error}");
        }

        return new ToolResult(commandLine, process.ExitCode, await output, await error, stopwatch.Elapsed);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@+".Contains(c)) ? argument : "'" + argument.Replace("'", "'\\''") + "'";
}
