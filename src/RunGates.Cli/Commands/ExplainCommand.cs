using System.CommandLine;
using System.Text.Json;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Paths;
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
            var lastRun = LastRun(console, store) is { } results ? runbook.Masker.Apply(results) : null;
            console.Out.Write(runbook.Masker.Apply(ExplainReporter.RenderFromResults(check, lastRun, console.WorkingDirectory)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The results of LATEST, or null when nothing was committed yet (explain still describes the check).</summary>
    private static ResultsDocument? LastRun(CliConsole console, BundleStore store)
    {
        if (store.Latest() is not { } latest)
        {
            return null;
        }

        var path = Path.Combine(store.BundlesDirectory, latest, BundleFiles.Results);
        if (!File.Exists(path))
        {
            return null;
        }

        // Looked at without blocking first: a FIFO or device swapped in for results.json is refused, never read.
        using (var handle = RegularFile.TryOpenRead(path, out var notRegular))
        {
            if (handle is null)
            {
                throw new CliFailure(DiagnosticCatalog.NotARegularFile, ExitCodes.IntegrityError,
                    $"expected {BundleFiles.Results} of bundle {latest} as a regular file; it {notRegular}, refused, not read", $"Run `rungates bundle validate {latest}`: a committed bundle is never edited, so this one was altered.", BundleLocator.Shown(console, path));
            }
        }

        try
        {
            return ResultsJson.Read(path);
        }
        catch (InvalidDataException e)
        {
            // A committed results.json RunGates cannot read is an integrity failure, told at its position, never a crash.
            var shown = BundleLocator.Shown(console, path);
            var (position, reason) = e.InnerException is JsonException json
                ? ($"{shown}({BundleJsonError.Line(json)},{BundleJsonError.Column(json)})", $"JSON that does not parse ({BundleJsonError.Reason(json)})")
                : (shown, "a document of another shape");
            throw new CliFailure(DiagnosticCatalog.BundleFileMalformed, ExitCodes.IntegrityError,
                $"expected {BundleFiles.Results} as RunGates writes it, found {reason}", $"Run `rungates bundle validate {latest}`: a committed bundle is never edited, so this one was altered.", position, e);
        }
    }
}
