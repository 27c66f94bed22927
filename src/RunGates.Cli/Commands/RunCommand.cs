using System.CommandLine;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Cli.Commands;

/// <summary><c>rungates run</c>: the whole lifecycle of one runbook.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = CommonOptions.Spec();
        var bundles = CommonOptions.Bundles();
        var failOn = CommonOptions.FailOn();
        var evidence = new Option<string?>("--evidence", "-e")
        {
            Description = "The evidence folder gates read, overriding the runbook's run.evidence.",
            HelpName = "DIR",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "The report on stdout: console, json (results.json), markdown or junit. Default: console.",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "console",
        };
        format.AcceptOnlyFromAmong(ReportRenderer.Formats.ToArray());
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Also write the report to this file (in the chosen --format).",
            HelpName = "FILE",
        };
        var noColor = new Option<bool>("--no-color") { Description = "No colour, even on a terminal. NO_COLOR in the environment does the same." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on stderr." };
        var preflightOnly = new Option<bool>("--preflight-only")
        {
            Description = "Run the pre-flight checks only: no bundle, no steps, no gates, no ledger (as MSBuild's RunGatesPreflight).",
        };

        var command = new Command("run", "Run the runbook: pre-flight, steps, gates, ledger, verdict, committed bundle and promotion packet.")
        {
            spec, evidence, bundles, failOn, format, output, noColor, quiet, preflightOnly,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runbook = RunbookLocator.Load(parse.GetValue(spec), console);
            var options = new RunOptions
            {
                Environment = console.Environment,
                EvidenceDirectory = parse.GetValue(evidence) is { } e ? console.FullPath(e) : null,
                BundlesDirectory = parse.GetValue(bundles) is { } b ? console.FullPath(b) : null,
                Progress = parse.GetValue(quiet) ? null : console.Error,
            };
            RefuseUnusableFolders(options, runbook, parse.GetValue(preflightOnly));
            var outputPath = parse.GetValue(output) is { } file ? CliPaths.OutputFile(console, file, "--output", "the file to write the report to; nothing was run or written") : null;
            var pipeline = new RunPipeline(runbook, options);
            var result = parse.GetValue(preflightOnly)
                ? await pipeline.RunPreflightAsync(cancellationToken).ConfigureAwait(false)
                : await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);

            var chosen = parse.GetValue(format)!;
            var useColor = console.UseColor && !parse.GetValue(noColor);
            var report = ReportRenderer.Render(result, chosen, useColor, console.WorkingDirectory);
            await console.Out.WriteAsync(report).ConfigureAwait(false);
            if (outputPath is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, ReportRenderer.Render(result, chosen, useColor: false, console.WorkingDirectory), cancellationToken).ConfigureAwait(false);
            }

            var threshold = CommonOptions.ParseVerdict(parse.GetValue(failOn)!);
            if (VerdictEvaluator.Meets(result.Verdict, threshold))
            {
                return ExitCodes.Success;
            }

            // The one line a wrapper (Cake, a shell script) can show as the reason for exit 1.
            await console.Error.WriteLineAsync(runbook.Masker.Apply($"rungates: {runbook.Name}: verdict {result.Verdict.ToKeyword()} ({result.VerdictName}) is below --fail-on {threshold.ToKeyword()}")).ConfigureAwait(false);
            return ExitCodes.VerdictBelowThreshold;
        });
        return command;
    }

    /// <summary>
    /// Usage errors change nothing on disk: a typo in --evidence would otherwise commit a bundle of missing checks and
    /// move LATEST onto it, and a bundles folder that is a file would fail only after pre-flight ran.
    /// </summary>
    private static void RefuseUnusableFolders(RunOptions options, Runbook runbook, bool preflightOnly)
    {
        if (options.EvidenceDirectory is { } evidence && !Directory.Exists(evidence))
        {
            throw new CliUsageException(File.Exists(evidence)
                ? $"--evidence {evidence} is a file; expected the folder the gates read evidence from. Nothing was run or written."
                : $"--evidence {evidence} does not exist; expected the folder the gates read evidence from. Nothing was run or written.", null, DiagnosticCatalog.PathWrongKind);
        }

        // run.evidence outside the bundle may not exist yet (a step makes it), but a file or device there is no folder to read.
        if (options.EvidenceDirectory is null && !runbook.Run.Evidence.Contains("{run}", StringComparison.Ordinal)
            && CliPaths.FolderProblem(Path.GetFullPath(runbook.Run.Evidence, runbook.Directory)) is { } evidenceProblem)
        {
            throw new CliUsageException($"run.evidence in {runbook.SourcePath}: {evidenceProblem}; expected the folder the gates read evidence from. Nothing was run or written.", null, DiagnosticCatalog.PathWrongKind);
        }

        var bundles = options.BundlesDirectory ?? runbook.Run.Bundles;
        if (!preflightOnly && CliPaths.FolderProblem(bundles) is { } problem)
        {
            var source = options.BundlesDirectory is null ? $"run.bundles in {runbook.SourcePath}" : "--bundles";
            throw new CliUsageException($"{source}: {problem}; expected the folder bundles are written to. Nothing was run or written.", null, DiagnosticCatalog.PathWrongKind);
        }
    }
}
