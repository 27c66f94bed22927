using System.CommandLine;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runbooks;

namespace RunGates.Cli.Commands;

/// <summary><c>rungates schema</c>: prints the JSON Schema of rungates.yml, the single source of its shape.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("schema", "Print the JSON Schema of rungates.yml (for editors and validators).");
        command.SetAction(async (_, _) =>
        {
            try
            {
                await console.Out.WriteLineAsync(RunbookSchema.Json.TrimEnd()).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // `rungates schema > /dev/full`, a closed pipe: say which write failed.
                throw new CliFailure(DiagnosticCatalog.InputOutputFailed, ExitCodes.UsageError, $"could not write the schema to stdout: {e.Message}", "Redirect stdout to a file or pipe that can take it.", inner: e);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
