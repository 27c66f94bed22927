using System.CommandLine;
using RunGates.Cli.Commands;

namespace RunGates.Cli;

/// <summary>The <c>rungates</c> command line: parses, dispatches, and maps failures to the documented exit codes.</summary>
public static class RunGatesApp
{
    /// <summary>Runs one command line, cancelled with <paramref name="cancellationToken"/> (exit 130) instead of by signals.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        using var signals = CliSignals.From(cancellationToken);
        return await RunAsync(args, console, signals).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one command line. Every failure ends here, in <see cref="CliErrorReporter"/>: a message in the compiler's
    /// form and the documented exit code, never a stack trace (unless RUNGATES_DEBUG=1).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CliSignals signals)
    {
        try
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
                return CliErrorReporter.ReportParseErrors(console, parseResult);
            }

            // The signals are ours (CliSignals): System.CommandLine's own handler would race it for the exit code.
            var configuration = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parseResult.InvokeAsync(configuration, signals.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The one top-level handler: every failure, expected or not, is a message and an exit code.
            return CliErrorReporter.Report(console, e, signals);
        }
    }
}
