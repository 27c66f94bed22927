using System.CommandLine;
using System.Globalization;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Runbooks;

namespace RunGates.Cli.Commands;

/// <summary><c>rungates bundle</c>: validate, list and invalidate committed bundles. Never edits or deletes one.</summary>
internal static class BundleCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bundle", "Validate, list and invalidate the bundles of a runbook.");
        command.Subcommands.Add(Validate(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Invalidate(console));
        return command;
    }

    private static Command Validate(CliConsole console)
    {
        var spec = CommonOptions.Spec();
        var bundles = CommonOptions.Bundles();
        var target = new Argument<string?>("bundle")
        {
            Description = "The bundle to validate: a folder, a run id, or LATEST. Default: LATEST.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("validate", "Recompute every digest of a bundle's artifact_index.json and verify its promotion packet; exit 3 naming each altered, missing or extra file and each packet field that disagrees.")
        {
            target, bundles, spec,
        };
        command.SetAction(parse =>
        {
            var reference = parse.GetValue(target);
            var directory = BundleLocator.Resolve(console, reference, parse.GetValue(bundles), parse.GetValue(spec));
            var result = BundleValidator.Validate(directory);
            var problems = result.Problems.ToList();
            try
            {
                if (result.Index is not null && new BundleStore(Path.GetDirectoryName(directory)!).FindInvalidation(Path.GetFileName(directory))?.Reason is { } reason)
                {
                    problems.Add(new IntegrityProblem(DiagnosticCatalog.BundleInvalidated, BundleFiles.Status, $"{result.Index.RunId} was invalidated: {reason}"));
                }
            }
            catch (BundleException e)
            {
                // A status log that cannot be read never says "not invalidated" (RG4032), listed with the bundle's other problems.
                problems.Add(BundleStore.StatusProblem(e));
            }

            var shown = BundleLocator.Shown(console, directory);
            if (problems.Count == 0)
            {
                console.Out.WriteLine($"valid: {shown} ({DiagnosticText.Count(result.Index!.Files.Count, "file")}, committed {result.Index.CommittedAt.ToString("u", CultureInfo.InvariantCulture)})");
                return ExitCodes.Success;
            }

            foreach (var problem in problems)
            {
                var path = problem.Path == BundleFiles.Status ? Path.Combine(Path.GetDirectoryName(directory)!, problem.Path) : Path.Combine(directory, problem.Path);
                console.Error.WriteLine((problem with { Path = BundleLocator.Shown(console, path) }).ToString());
            }

            console.Error.WriteLine($"rungates: bundle {shown} is not valid: {DiagnosticText.Count(problems.Count, "problem")}.");
            return ExitCodes.IntegrityError;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var spec = CommonOptions.Spec();
        var bundles = CommonOptions.Bundles();
        var command = new Command("list", "List the bundles: run id, state, commit time, verdict, and whether each is LATEST or invalidated.") { bundles, spec };
        command.SetAction(parse =>
        {
            var store = BundleLocator.Store(console, parse.GetValue(bundles), parse.GetValue(spec));
            var list = store.List();
            if (list.Count == 0)
            {
                console.Out.WriteLine($"no bundles in {BundleLocator.Shown(console, store.BundlesDirectory)}");
                return ExitCodes.Success;
            }

            string[] header = ["RUN ID", "STATE", "COMMITTED", "VERDICT", "NOTE"];
            var rows = list.Select(b => new[]
            {
                b.RunId,
                b.State,
                b.CommittedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
                b.Verdict ?? "-",
                string.Join("; ", new[] { b.IsLatest ? "LATEST" : null, b.Invalidated ? $"invalidated: {b.InvalidationReason}" : null }.OfType<string>()),
            }).ToList();
            var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
            foreach (var row in rows.Prepend(header))
            {
                console.Out.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Invalidate(CliConsole console)
    {
        var spec = CommonOptions.Spec();
        var bundles = CommonOptions.Bundles();
        var runId = new Argument<string>("run-id") { Description = "The bundle to invalidate." };
        var reason = new Option<string?>("--reason", "-r") { Description = "Why the bundle must no longer be used (required).", HelpName = "TEXT" };
        var by = new Option<string?>("--by") { Description = "Who invalidates it. Default: GITHUB_ACTOR, else USER.", HelpName = "NAME" };
        var command = new Command("invalidate", "Record in status.jsonl that a bundle must no longer be used, and move LATEST back to the newest valid bundle.")
        {
            runId, reason, by, bundles, spec,
        };
        command.SetAction(parse =>
        {
            var why = parse.GetValue(reason);
            if (string.IsNullOrWhiteSpace(why))
            {
                throw new CliUsageException("bundle invalidate needs --reason TEXT: say why the bundle must no longer be used.");
            }

            var who = parse.GetValue(by) ?? console.Environment.GetValueOrDefault("GITHUB_ACTOR") ?? console.Environment.GetValueOrDefault("USER") ?? "unknown";
            var store = BundleLocator.Store(console, parse.GetValue(bundles), parse.GetValue(spec));
            var id = parse.GetValue(runId)!;
            var latest = store.Invalidate(id, why, who, TimeProvider.System.GetUtcNow());
            console.Out.WriteLine($"invalidated {id}: {why}");
            console.Out.WriteLine(latest is null ? "LATEST removed: no committed, valid bundle remains" : $"LATEST is now {latest}");
            return ExitCodes.Success;
        });
        return command;
    }
}
