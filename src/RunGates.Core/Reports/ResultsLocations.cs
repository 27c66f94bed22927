using RunGates.Core.Paths;

namespace RunGates.Core.Reports;

/// <summary>
/// Where a run's relative paths start, as paths inside the git work tree that holds the runbook (<c>/</c> separators,
/// empty for the top itself): results.json positions are relative to these folders, so a report published from
/// another checkout (the GitHub <c>workflow_run</c> job) can still point annotations at repository files. Each is null
/// when there is no work tree or the folder lies outside it.
/// </summary>
public sealed record ResultsLocations(string? Runbook, string? Evidence)
{
    /// <summary>
    /// The locations for a runbook folder and evidence folder: relative to the nearest folder upward from
    /// <paramref name="runbookDirectory"/> that holds <c>.git</c> (a folder, or a file in a worktree).
    /// </summary>
    public static ResultsLocations? Find(string runbookDirectory, string? evidenceDirectory)
    {
        var top = WorkTreeTop(runbookDirectory);
        return top is null ? null : new ResultsLocations(RelativePath.AtOrBelow(top, runbookDirectory), evidenceDirectory is null ? null : RelativePath.AtOrBelow(top, evidenceDirectory));
    }

    /// <summary>A path recorded relative to <paramref name="folder"/> as a path inside the work tree.</summary>
    public static string? InWorkTree(string? folder, string path) => folder switch
    {
        null => null,
        "" => path,
        _ => folder + "/" + path,
    };

    private static string? WorkTreeTop(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            if (Directory.Exists(Path.Combine(current.FullName, ".git")) || File.Exists(Path.Combine(current.FullName, ".git")))
            {
                return current.FullName;
            }
        }

        return null;
    }
}
