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

    /// <summary>
    /// Null when <paramref name="template"/> expands to a usable folder name; otherwise why not, as a clause: an unknown
    /// placeholder, a <c>{utc:FORMAT}</c> .NET cannot format, or an id that is a name RunGates keeps beside the bundles
    /// (LATEST, status.jsonl, in any case, since a case-insensitive file system would mix them up). Checked at load, by
    /// a trial expansion with a fixed time and git SHA and the runbook's own seed and name, so a run never fails on it.
    /// </summary>
    public static string? Problem(string template, string? seed, string name)
    {
        if (UnknownPlaceholders(template) is { Count: > 0 } unknown)
        {
            return $"found {string.Join(", ", unknown.Select(u => "{" + u + "}"))}, {(unknown.Count == 1 ? "a placeholder" : "placeholders")} RunGates does not know";
        }

        foreach (var format in Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(p => p.StartsWith("utc:", StringComparison.Ordinal)))
        {
            try
            {
                _ = TrialTime.UtcDateTime.ToString(format[4..], CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return $"found {{{format}}}, whose format .NET cannot apply to a date";
            }
        }

        var id = Expand(template, TrialTime, TrialGit, seed, name);
        return ReservedNames.FirstOrDefault(r => string.Equals(r, id, StringComparison.OrdinalIgnoreCase)) is { } reserved
            ? $"found a template that expands to '{id}', the name of the file RunGates keeps beside the bundles ({reserved})"
            : null;
    }

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

    private static readonly DateTimeOffset TrialTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly GitInfo TrialGit = new("0123456789abcdef0123456789abcdef01234567", false);

    // The files beside the bundles a run id could collide with; the others (.rungates-lock, .rungates-tmp) start with
    // a dot, which Expand trims.
    private static readonly string[] ReservedNames = [Bundles.BundleFiles.Latest, Bundles.BundleFiles.Status];

    [GeneratedRegex(@"\{([^{}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
