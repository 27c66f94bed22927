using System.CommandLine;
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
            await console.Out.WriteLineAsync(RunbookSchema.Json.TrimEnd()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
