using System.CommandLine;
using RunGates.Core.Runbooks;

namespace RunGates.Cli.Commands;

/// <summary><c>rungates init</c>: writes a commented starter rungates.yml, never over an existing file unless told.</summary>
internal static class InitCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Option<string>("--path", "-p")
        {
            Description = "Where to write the starter. Default: rungates.yml in the current folder.",
            HelpName = "FILE",
            DefaultValueFactory = _ => RunbookLocator.FileName,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Write a commented starter rungates.yml.") { path, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = CliPaths.OutputFile(console, parse.GetValue(path)!, "--path", "the file to write the starter rungates.yml to");
            if (File.Exists(target) && !parse.GetValue(force))
            {
                throw new CliUsageException($"{target} already exists; use --force to overwrite it.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, RunbookSchema.StarterYaml, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"wrote {target}; edit it, then run: rungates run --spec {Path.GetRelativePath(console.WorkingDirectory, target)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
