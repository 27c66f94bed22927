using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RunGates.Core.Runs;

/// <summary>
/// Expands a <c>run.id</c> template: <c>{utc:FORMAT}</c> (a .NET date format, UTC), <c>{git.sha}</c>, <c>{git.short}</c>,
/// <c>{seed}</c> and <c>{name}</c>. Characters outside <c>[A-Za-z0-9._-]</c> become <c>-</c> so the id is a safe folder name.
/// </summary>
public static partial class RunIdTemplate
{
    public static IReadOnlyList<string> Placeholders { get; } = ["utc:FORMAT", "git.sha", "git.short", "seed", "name"];

    /// <summary>Every placeholder in <paramref name="template"/> that this class does not know, as written.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string template) =>
        Placeholder().Matches(template)
            .Select(m => m.Groups[1].Value)
            .Where(p => !p.StartsWith("utc:", StringComparison.Ordinal) && p is not ("git.sha" or "git.short" or "seed" or "name"))
            .ToList();

    public static string Expand(string template, DateTimeOffset now, GitInfo git, string? seed, string name)
    {
        var expanded = Placeholder().Replace(template, match =>
        {
            var placeholder = match.Groups[1].Value;
            return placeholder switch
            {
                "git.sha" => git.Sha ?? "nogit",
                "git.short" => git.Short,
                "seed" => seed ?? "noseed",
                "name" => name,
                _ when placeholder.StartsWith("utc:", StringComparison.Ordinal) => now.UtcDateTime.ToString(placeholder[4..], CultureInfo.InvariantCulture),
                _ => throw new FormatException($"Unknown run id placeholder {{{placeholder}}}; expected one of {{{string.Join("}, {", Placeholders)}}}."),
            };
        });

        var safe = new StringBuilder(expanded.Length);
        foreach (var c in expanded)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var id = safe.ToString().Trim('.');
        return id.Length == 0 ? "run" : id;
    }

    [GeneratedRegex(@"\{([^{}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
