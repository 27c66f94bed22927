using System.Diagnostics;
using System.Text;

namespace RunGates.Core.Tests.TestSupport;

/// <summary>A fresh folder under the system temp folder for ledger and bundle tests, removed when disposed.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rungates-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Runs a real tool (sha256sum, ln, mkfifo) in <paramref name="workingDirectory"/>; stdout is read as UTF-8.</summary>
    public static (int ExitCode, string Out, string Error) Tool(string workingDirectory, string file, params string[] args)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        startInfo.Environment["LC_ALL"] = "C.UTF-8";
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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder eventually.
        }
    }
}
