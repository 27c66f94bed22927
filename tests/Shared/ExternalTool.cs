using System.Diagnostics;
using System.Text;

namespace RunGates.Tests;

/// <summary>Runs a real tool (sha256sum, sh, mkfifo) that tests compare RunGates against; stdout is read as UTF-8.</summary>
internal static class ExternalTool
{
    public static (int ExitCode, string Out, string Error) Run(string workingDirectory, string file, params string[] args) =>
        RunInLocale("C.UTF-8", workingDirectory, file, args);

    /// <summary>As <see cref="Run"/>, with <c>LC_ALL</c> set to <paramref name="locale"/>.</summary>
    public static (int ExitCode, string Out, string Error) RunInLocale(string locale, string workingDirectory, string file, params string[] args)
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
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
