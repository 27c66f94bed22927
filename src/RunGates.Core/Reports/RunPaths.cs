using RunGates.Core.Checks;
using RunGates.Core.Paths;
using RunGates.Core.Runs;

namespace RunGates.Core.Reports;

/// <summary>
/// The folders a run's paths are shown against: pre-flight evidence lies below the runbook's folder, gate evidence below
/// <c>run.evidence</c>. A path below neither stays absolute, so nothing is shown as relative to the wrong place.
/// </summary>
internal sealed record RunPaths(string RunbookDirectory, string? EvidenceDirectory, string? BundleDirectory)
{
    public static RunPaths Of(RunResult result)
    {
        var runbookDirectory = result.Runbook.Directory;
        return new RunPaths(runbookDirectory, result.EvidenceDirectory ?? EvidenceOf(result, runbookDirectory), result.BundleDirectory);
    }

    /// <summary>run.evidence resolved as the pipeline resolves it, for results made without the pipeline's own answer.</summary>
    private static string? EvidenceOf(RunResult result, string runbookDirectory)
    {
        var evidence = result.Runbook.Run.Evidence;
        if (!evidence.Contains("{run}", StringComparison.Ordinal))
        {
            return Path.GetFullPath(evidence, runbookDirectory);
        }

        return result.BundleDirectory is { } bundle ? Path.GetFullPath(evidence.Replace("{run}", bundle, StringComparison.Ordinal), runbookDirectory) : null;
    }

    /// <summary>Makes paths of <paramref name="phase"/> relative: to the evidence folder for gates, else to the runbook's folder.</summary>
    public Func<string, string> Relativize(Phase phase)
    {
        string?[] bases = phase == Phase.Gates ? [EvidenceDirectory, RunbookDirectory] : [RunbookDirectory];
        return path => RelativeTo(path, bases);
    }

    /// <summary>The path relative to the first of <paramref name="bases"/> it lies below, with <c>/</c> separators; else unchanged.</summary>
    public static string RelativeTo(string path, params string?[] bases)
    {
        if (!Path.IsPathRooted(path))
        {
            return path.Replace('\\', '/');
        }

        foreach (var baseDirectory in bases)
        {
            if (baseDirectory is not null && RelativePath.Below(baseDirectory, path) is { } relative)
            {
                return relative;
            }
        }

        return path;
    }
}
