using System.CommandLine;
using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.GitHub;

namespace RunGates.Cli;

/// <summary>
/// The one place a failure becomes what the user sees: lines in the compiler's form (<c>path(line,col): error RGxxxx:
/// message. Hint.</c>, or <c>rungates: error RGxxxx: ...</c> without a position), masked, and the documented exit code.
/// Never a stack trace, unless <c>RUNGATES_DEBUG=1</c> asks for it.
/// </summary>
internal static class CliErrorReporter
{
    public const string DebugVariable = "RUNGATES_DEBUG";

    /// <summary>One diagnostic line: at <paramref name="position"/>, or from <c>rungates</c> when there is none.</summary>
    public static string Line(RunGatesDiagnostic diagnostic, string message, string? hint = null, string? position = null) =>
        $"{position ?? "rungates"}: error {diagnostic.Code}: {DiagnosticText.WithHint(message, hint)}";

    /// <summary>Prints the parse errors, each with a did-you-mean for a mistyped option or command; exit 2.</summary>
    public static int ReportParseErrors(CliConsole console, ParseResult parseResult)
    {
        foreach (var error in parseResult.Errors)
        {
            TryWrite(console, Line(DiagnosticCatalog.CommandLineInvalid, error.Message, CliTypoSuggestion.For(parseResult, error.Message)));
        }

        var command = parseResult.CommandResult.Command;
        var name = command.Parents.Any() ? $"rungates {string.Join(' ', CommandPath(command))}" : "rungates";
        TryWrite(console, $"Run '{name} --help' for usage.");
        return ExitCodes.UsageError;
    }

    /// <summary>Prints <paramref name="exception"/> as RunGates' words and returns its exit code.</summary>
    public static int Report(CliConsole console, Exception exception, CliSignals signals)
    {
        var exit = Describe(console, exception, signals);
        if (console.Environment.GetValueOrDefault(DebugVariable) == "1")
        {
            TryWrite(console, exception.ToString());
        }

        return exit;
    }

    private static int Describe(CliConsole console, Exception exception, CliSignals signals)
    {
        switch (exception)
        {
            case OperationCanceledException cancelled when signals.Token.IsCancellationRequested:
                var bundle = (cancelled as RunCancelledException)?.BundleDirectory;
                TryWrite(console, Line(DiagnosticCatalog.Cancelled, bundle is null
                    ? $"cancelled by {signals.Cause}; its processes were ended and no bundle was opened or committed"
                    : $"cancelled by {signals.Cause}; the step's processes were ended and the bundle {BundleLocator.Shown(console, bundle)} was left uncommitted (no {BundleFiles.ArtifactIndex}, LATEST not moved)"));
                return signals.ExitCode;

            case RunbookException e:
                foreach (var error in e.Errors)
                {
                    TryWrite(console, error.ToString(console.WorkingDirectory));
                }

                TryWrite(console, $"rungates: {DiagnosticText.Count(e.Errors.Count, "error")} in the runbook; nothing was run or written.");
                return ExitCodes.UsageError;

            case LedgerBuildException e:
                // A ledger that cannot cover what it claims (a link leaving the root, a loop) is an integrity error, not a crash.
                foreach (var problem in e.Problems)
                {
                    TryWrite(console, problem.ToString());
                }

                TryWrite(console, "rungates: the ledger could not be written; the bundle was not committed.");
                return ExitCodes.IntegrityError;

            case BundleException e:
                // A bundle that cannot be found or read, from any command.
                TryWrite(console, Line(e.Diagnostic, e.Message, position: e.File is null ? null : BundleLocator.Shown(console, e.File) + e.Position![e.File.Length..]));
                return ExitCodes.IntegrityError;

            case GitHubException e:
                TryWrite(console, Line(e.Diagnostic, e.Message));
                return ExitCodes.UsageError;

            case CliUsageException e:
                TryWrite(console, Line(e.Diagnostic, e.Message, e.Hint));
                return ExitCodes.UsageError;

            case CliFailure e:
                TryWrite(console, Line(e.Diagnostic, e.Message, e.Hint, e.Position));
                return e.ExitCode;

            case IOException or UnauthorizedAccessException:
                TryWrite(console, Line(DiagnosticCatalog.InputOutputFailed, exception.Message, "Check the path, the free space and the permissions, then run the command again."));
                return ExitCodes.UsageError;

            default:
                TryWrite(console, Line(DiagnosticCatalog.InternalError, $"unexpected {exception.GetType().FullName}: {exception.Message}", $"This is a defect in RunGates: run again with {DebugVariable}=1 for the stack trace, and report it."));
                return ExitCodes.InternalError;
        }
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command { Parents: var parents } c && parents.Any(); symbol = parents.First())
        {
            names.Insert(0, c.Name);
        }

        return names;
    }

    /// <summary>Writes one masked line to stderr; a closed stderr must not turn a clean failure into a crash.</summary>
    private static void TryWrite(CliConsole console, string line)
    {
        try
        {
            console.Error.WriteLine(console.Masking.Apply(line));
        }
        catch (IOException)
        {
            // Nowhere left to say it: the exit code still does.
        }
        catch (ObjectDisposedException)
        {
            // As above.
        }
    }
}
