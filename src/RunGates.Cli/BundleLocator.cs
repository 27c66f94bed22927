using RunGates.Core.Bundles;
using RunGates.Core.Runbooks;

namespace RunGates.Cli;

/// <summary>Finds the bundles folder and the bundle a command means, the same way for every command.</summary>
internal static class BundleLocator
{
    /// <summary>The bundles folder: --bundles when given, else the runbook's run.bundles (the runbook located as <c>run</c> does).</summary>
    public static BundleStore Store(CliConsole console, string? bundles, string? spec) =>
        new(bundles is not null
            ? console.FullPath(bundles)
            : new RunbookLoader(console.Environment).Load(RunbookLocator.Locate(spec, console)).Run.Bundles);

    /// <summary>A bundle folder given as a path, else a run id or LATEST (the default) in the bundles folder.</summary>
    public static string Resolve(CliConsole console, string? reference, string? bundles, string? spec) =>
        reference is not null && reference != BundleFiles.Latest && Directory.Exists(console.FullPath(reference))
            ? console.FullPath(reference)
            : Store(console, bundles, spec).Resolve(reference, console.WorkingDirectory);

    /// <summary>A path as the user would type it: relative to the working directory when below it.</summary>
    public static string Shown(CliConsole console, string path)
    {
        var relative = Path.GetRelativePath(console.WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
