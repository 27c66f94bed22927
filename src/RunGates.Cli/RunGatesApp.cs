using System.CommandLine;
using RunGates.Cli.Commands;
using RunGates.Core.Bundles;
using RunGates.Core.Ledgers;
using RunGates.Core.Runbooks;
using RunGates.GitHub;

namespace RunGates.Cli;

/// <summary>The <c>rungates</c> command line: parses, dispatches, and maps failures to the documented exit codes.</summary>
public static class RunGatesApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = new RootCommand("RunGates: executable runbooks. Pre-flight, steps, gates, SHA256SUMS ledger, verdict, committed bundle and promotion packet from one rungates.yml.");
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(SchemaCommand.Create(console));
        root.Subcommands.Add(InitCommand.Create(console));
        root.Subcommands.Add(ExplainCommand.Create(console));
        root.Subcommands.Add(PromoteCommand.Create(console));
        root.Subcommands.Add(BundleCommand.Create(console));
        root.Subcommands.Add(LedgerCommand.Create(console));
        root.Subcommands.Add(GitHubCommand.Create(console));

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"rungates: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'rungates --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (RunbookException e)
        {
            foreach (var error in e.Errors)
            {
                await console.Error.WriteLineAsync(error.ToString(console.WorkingDirectory)).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync($"rungates: {e.Errors.Count} error(s) in the runbook; nothing was run or written.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (LedgerBuildException e)
        {
            // A ledger that cannot cover what it claims (a link leaving the root, a loop) is an integrity error, not a crash.
            foreach (var problem in e.Problems)
            {
                await console.Error.WriteLineAsync(console.Masking.Apply(problem.ToString())).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("rungates: the ledger could not be written; the bundle was not committed.").ConfigureAwait(false);
            return ExitCodes.IntegrityError;
        }
        catch (BundleException e)
        {
            // A bundle that cannot be found or read, from any command.
            await console.Error.WriteLineAsync(console.Masking.Apply($"rungates: error {e.Diagnostic.Code}: {e.Message}")).ConfigureAwait(false);
            return ExitCodes.IntegrityError;
        }
        catch (GitHubException e)
        {
            await console.Error.WriteLineAsync(console.Masking.Apply($"rungates: error {e.Diagnostic.Code}: {e.Message}")).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (CliUsageException e)
        {
            await console.Error.WriteLineAsync(console.Masking.Apply($"rungates: {e.Message}")).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }
}
