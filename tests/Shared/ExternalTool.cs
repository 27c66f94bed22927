using System.Diagnostics;
using System.Text;

namespace RunGates.Tests;

/// <summary>
/// Runs a real tool (sha256sum, sh, mkfifo, a nested dotnet) that tests compare RunGates against or drive; stdout is
/// read as UTF-8.
/// </summary>
internal static class ExternalTool
{
    /// <summary>
    /// The test host's own MSBuild settings: a nested <c>dotnet build</c>, <c>pack</c> or <c>publish</c> must not inherit
    /// them, or it builds with the host's MSBuild instead of its own.
    /// </summary>
    public static readonly string[] HostOnlyVariables = ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "VSTEST_HOST_DEBUG"];

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static (int ExitCode, string Out, string Error) Run(string workingDirectory, string file, params string[] args) =>
        RunInLocale("C.UTF-8", workingDirectory, file, args);

    /// <summary>As <see cref="Run"/>, killed (and a <see cref="TimeoutException"/>) after <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Out, string Error) Run(TimeSpan timeout, string workingDirectory, string file, params string[] args) =>
        Run("C.UTF-8", timeout, workingDirectory, file, args);

    /// <summary>As <see cref="Run"/>, with <c>LC_ALL</c> set to <paramref name="locale"/>.</summary>
    public static (int ExitCode, string Out, string Error) RunInLocale(string locale, string workingDirectory, string file, params string[] args) =>
        Run(locale, DefaultTimeout, workingDirectory, file, args);

    /// <summary>As <see cref="Run(TimeSpan, string, string, string[])"/>, with <paramref name="environment"/> added to the child's variables.</summary>
    public static (int ExitCode, string Out, string Error) Run(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string workingDirectory, string file, params string[] args) =>
        Run("C.UTF-8", timeout, workingDirectory, file, args, environment);

    private static (int ExitCode, string Out, string Error) Run(string locale, TimeSpan timeout, string workingDirectory, string file, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        startInfo.Environment["LC_ALL"] = locale;
        foreach (var name in HostOnlyVariables)
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
