namespace RunGates.GitHub;

/// <summary>
/// A dry run outside GitHub Actions (a laptop): the variables the runner would set and a preview cannot do without
/// are filled with placeholders that cannot be mistaken for a real repository or commit, and said so.
/// </summary>
public static class GitHubPreview
{
    public const string Repository = "preview-owner/preview-repository";

    /// <summary>Forty zeros: a SHA no commit has, so a preview's requests never name a real one.</summary>
    public const string Sha = "0000000000000000000000000000000000000000";

    /// <summary>
    /// The environment with <c>GITHUB_REPOSITORY</c> and, for an event that reports on it, <c>GITHUB_SHA</c> filled in
    /// where they are missing or empty; <paramref name="filled"/> names the ones that were.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(IReadOnlyDictionary<string, string> environment, out IReadOnlyList<string> filled)
    {
        bool Missing(string name) => !environment.TryGetValue(name, out var value) || value.Length == 0;

        var names = new List<string>();
        var preview = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        if (Missing("GITHUB_REPOSITORY"))
        {
            preview["GITHUB_REPOSITORY"] = Repository;
            names.Add("GITHUB_REPOSITORY");
        }

        // Events with a payload name their own commit; without an event name the reader reports on GITHUB_SHA.
        if (Missing("GITHUB_SHA") && Missing("GITHUB_EVENT_PATH"))
        {
            preview["GITHUB_SHA"] = Sha;
            names.Add("GITHUB_SHA");
        }

        filled = names;
        return preview;
    }

    /// <summary>The sentence a preview prints on stderr when it used placeholders.</summary>
    public static string Notice(IReadOnlyList<string> filled) =>
        $"rungates: dry run outside GitHub Actions: {string.Join(" and ", filled)} {(filled.Count == 1 ? "is" : "are")} not set, so this preview uses "
        + string.Join(" and ", filled.Select(n => n == "GITHUB_SHA" ? $"the placeholder SHA {Sha}" : $"the placeholder repository {Repository}"))
        + "; nothing is sent.";
}
