using System.Diagnostics;
using System.Text;

namespace RunGates.Cli.Tests.Cake;

/// <summary>
/// Runs build/build.cake with the repository's pinned Cake.Tool (restored once, as `dotnet tool restore` does from a
/// fresh clone), one target at a time with <c>--exclusive</c> and <c>--rungates</c> set to the CLI this test project
/// built, so no test builds the repository again. Compiled scripts are cached in a folder of the fixture's own.
/// </summary>
public sealed class CakeScript : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly TempFolder _cache = new();

    public CakeScript()
    {
        var restore = Run(RepositoryRoot.Path, ["tool", "restore"]);
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet tool restore failed:\n" + restore.Output);
        }
    }

    public static string BuiltCli => Path.Combine(AppContext.BaseDirectory, "rungates.dll");

    /// <summary>Runs one target of build/build.cake alone; stdout and stderr together, in order.</summary>
    public (int ExitCode, string Output) RunTarget(string target, params string[] arguments) =>
        Run(RepositoryRoot.Path, ["cake", "build/build.cake", $"--target={target}", "--exclusive", $"--rungates={BuiltCli}", .. arguments]);

    private (int ExitCode, string Output) Run(string workingDirectory, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "true";
        start.Environment["CAKE_PATHS_TOOLS"] = _cache.Path;

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {Timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (gate)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    public void Dispose() => _cache.Dispose();
}
