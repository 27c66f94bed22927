using System.CommandLine;
using RunGates.Core.Bundles;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;

namespace RunGates.Cli.Commands;

/// <summary><c>rungates explain &lt;check-id&gt;</c>: what a check does, and why it failed in the last committed run.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = CommonOptions.Spec();
        var bundles = CommonOptions.Bundles();
        var id = new Argument<string>("check-id") { Description = "The id of a pre-flight check or gate." };
        var command = new Command("explain", "Print what a check does and why it failed in the last committed run (LATEST).") { id, spec, bundles };
        command.SetAction(parse =>
        {
            var runbook = RunbookLocator.Load(parse.GetValue(spec), console);
            var checkId = parse.GetValue(id)!;
            var check = runbook.FindCheck(checkId) ?? throw new CliUsageException(
                $"{BundleLocator.Shown(console, runbook.SourcePath)} has no check '{checkId}'; expected one of: {string.Join(", ", runbook.Checks.Select(c => c.Id))}.");

            var store = new BundleStore(parse.GetValue(bundles) is { } b ? console.FullPath(b) : runbook.Run.Bundles);
            // The check's own text (description, expect values, commands) is plain text: masked as printed.
            var lastRun = LastRun(store) is { } results ? runbook.Masker.Apply(results) : null;
            console.Out.Write(runbook.Masker.Apply(ExplainReporter.RenderFromResults(check, lastRun, console.WorkingDirectory)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The results of LATEST, or null when nothing was committed yet (explain still describes the check).</summary>
    private static ResultsDocument? LastRun(BundleStore store)
    {
        if (store.Latest() is not { } latest)
        {
            return null;
        }

        var path = Path.Combine(store.BundlesDirectory, latest, BundleFiles.Results);
        return File.Exists(path) ? ResultsJson.Read(path) : null;
    }
}
