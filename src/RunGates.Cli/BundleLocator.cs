using RunGates.Core.Bundles;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;

namespace RunGates.Cli;

/// <summary>Finds the bundles folder and the bundle a command means, the same way for every command.</summary>
internal static class BundleLocator
{
    /// <summary>The bundles folder: --bundles when given, else the runbook's run.bundles (the runbook located as <c>run</c> does).</summary>
    public static BundleStore Store(CliConsole console, string? bundles, string? spec) =>
        new(bundles is not null ? console.FullPath(bundles) : LoadRunbook(console, spec).Run.Bundles);

    /// <summary>The runbook <paramref name="spec"/> means (the nearest rungates.yml upward when null), located as <c>run</c> does.</summary>
    public static Runbook LoadRunbook(CliConsole console, string? spec) => RunbookLocator.Load(spec, console);

    /// <summary>The bundle <paramref name="reference"/> means by Core's one rule; the runbook is read only when it is no folder.</summary>
    public static string Resolve(CliConsole console, string? reference, string? bundles, string? spec) =>
        BundleReference.Resolve(reference, console.WorkingDirectory, () => Store(console, bundles, spec));

    /// <summary>A path as the user would type it: relative to the working directory when below it.</summary>
    public static string Shown(CliConsole console, string path) => RelativePath.Shown(console.WorkingDirectory, path);
}
