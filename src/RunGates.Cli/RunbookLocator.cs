using RunGates.Core.Runbooks;

namespace RunGates.Cli;

/// <summary>Finds the rungates.yml a command means: the one given, else the nearest upward from the working directory.</summary>
public static class RunbookLocator
{
    public const string FileName = "rungates.yml";

    /// <summary>Locates and loads the runbook; from here on every error the invocation prints goes through its masker.</summary>
    public static Runbook Load(string? given, CliConsole console)
    {
        var runbook = new RunbookLoader(console.Environment).Load(Locate(given, console));
        console.Masking.Add(runbook.Masker);
        return runbook;
    }

    public static string Locate(string? given, CliConsole console)
    {
        if (given is not null)
        {
            var full = console.FullPath(given);
            return Directory.Exists(full) ? Path.Combine(full, FileName) : full;
        }

        for (var directory = new DirectoryInfo(console.WorkingDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // Not found: the loader reports RG1011 against the path a user would expect.
        return Path.Combine(console.WorkingDirectory, FileName);
    }
}
