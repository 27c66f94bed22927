using RunGates.Core.Diagnostics;
using RunGates.Core.Paths;

namespace RunGates.Cli;

/// <summary>
/// Checks a path the user handed in before anything is run or written, so a wrong one is exit 2 (RG0002) naming the
/// option, never an exception halfway through the command.
/// </summary>
internal static class CliPaths
{
    /// <summary>
    /// The full path of a file the command will write (<paramref name="option"/> <paramref name="value"/>); refused when
    /// it names a folder or lies under something that is no folder. A device such as /dev/null is a fine target.
    /// </summary>
    public static string OutputFile(CliConsole console, string value, string option, string what)
    {
        var full = console.FullPath(value);
        if (Directory.Exists(full))
        {
            throw new CliUsageException($"{option} {value} is a folder; expected {what}", "Name a file, e.g. " + Path.Combine(value, "out.txt") + ".", DiagnosticCatalog.PathWrongKind);
        }

        if (NotAFolder(Path.GetDirectoryName(full)) is { } blocker)
        {
            throw new CliUsageException($"{option} {value} lies under {blocker}, which is not a folder; expected {what}", null, DiagnosticCatalog.PathWrongKind);
        }

        return full;
    }

    /// <summary>
    /// Null when <paramref name="folder"/> is a folder that bundles can be written to, or can be created; otherwise why
    /// not: it is a file or device, lies under one (<c>/dev/null/out</c>), or is on a kernel pseudo file system.
    /// </summary>
    public static string? FolderProblem(string folder)
    {
        if (File.Exists(folder))
        {
            return $"{folder} is a file";
        }

        if (NotAFolder(folder) is { } blocker)
        {
            return $"{folder} lies under {blocker}, which is not a folder";
        }

        var existing = ExistingAncestor(folder);
        return existing is not null && RegularFile.DescribePseudoFileSystem(existing) is { } pseudo ? $"{existing} {pseudo}" : null;
    }

    /// <summary>The nearest existing ancestor of <paramref name="path"/> (itself included) when it is not a folder.</summary>
    private static string? NotAFolder(string? path)
    {
        for (var current = path; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                return null;
            }

            if (File.Exists(current) || new FileInfo(current).Exists || IsDevice(current))
            {
                return current;
            }
        }

        return null;
    }

    private static string? ExistingAncestor(string path)
    {
        for (var current = path; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                return current;
            }
        }

        return null;
    }

    // File.Exists is true for /dev/null too; this catches what it may not (a socket, a dangling name), by its attributes.
    private static bool IsDevice(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.Directory) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
