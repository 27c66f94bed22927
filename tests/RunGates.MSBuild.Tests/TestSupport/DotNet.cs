using System.Diagnostics;
using System.Text;

namespace RunGates.MSBuild.Tests.TestSupport;

/// <summary>Runs the real <c>dotnet</c> CLI, as a developer or CI would, and keeps everything it printed.</summary>
internal static class DotNet
{
    public static DotNetResult Run(string workingDirectory, TimeSpan timeout, params string[] args) => Run(new Dictionary<string, string>(), workingDirectory, timeout, args);

    /// <summary>As <see cref="Run(string, TimeSpan, string[])"/>, with <paramref name="environment"/> added to the child's variables.</summary>
    public static DotNetResult Run(IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Node reuse and the build server would outlive the test and hold the temporary folders.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        // The test host's own MSBuild settings must not leak into the child build.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var lockObject = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lockObject) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (lockObject) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        return new DotNetResult(process.ExitCode, output.ToString());
    }
}
