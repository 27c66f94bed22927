using System.CommandLine;
using RunGates.Core.Runbooks;

namespace RunGates.Cli;

/// <summary>
/// The did-you-mean for a token System.CommandLine did not recognise (<c>--spce</c>: Did you mean '--spec'?): the
/// closest option or subcommand of the command it was typed after, by the rule the runbook's keys use.
/// </summary>
internal static class CliTypoSuggestion
{
    public static string? For(ParseResult parseResult, string errorMessage)
    {
        var token = parseResult.UnmatchedTokens.FirstOrDefault(t => errorMessage.Contains($"'{t}'", StringComparison.Ordinal));
        if (token is null)
        {
            return null;
        }

        var command = parseResult.CommandResult.Command;
        var candidates = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)))
            // Long names only: a one-letter alias is at edit distance 2 from almost anything.
            .Where(name => name.TrimStart('-').Length > 1)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return KeySuggestion.Closest(token, candidates) is { } suggestion ? $"Did you mean '{suggestion}'?" : null;
    }
}
