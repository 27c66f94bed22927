using System.CommandLine;
using RunGates.Core.Verdicts;

namespace RunGates.Cli.Commands;

/// <summary>Options several commands share, so each reads and documents the same way everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Spec() => new("--spec", "-s")
    {
        Description = "The rungates.yml to use (a file, or a folder holding one). Default: the nearest rungates.yml upward from the current folder.",
        HelpName = "PATH",
    };

    public static Option<string?> Bundles() => new("--bundles")
    {
        Description = "The bundles folder, overriding the runbook's run.bundles.",
        HelpName = "DIR",
    };

    public static Option<string> FailOn() => new("--fail-on")
    {
        Description = "The worst verdict that still exits 0: pass, partial, incomplete or reject. Default: partial.",
        HelpName = "VERDICT",
        DefaultValueFactory = _ => "partial",
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (!VerdictKeywords.TryParse(value, out _))
                {
                    result.AddError($"--fail-on '{value}' is not a verdict; expected one of: {string.Join(", ", VerdictKeywords.All)}.");
                }
            },
        },
    };

    public static Verdict ParseVerdict(string text) =>
        VerdictKeywords.TryParse(text, out var verdict) ? verdict : throw new CliUsageException($"'{text}' is not a verdict; expected one of: {string.Join(", ", VerdictKeywords.All)}.");
}
