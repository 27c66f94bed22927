namespace RunGates.GitHub;

/// <summary>Where the token comes from: the action's <c>token</c> input, else <c>GITHUB_TOKEN</c>. It is never printed.</summary>
public static class GitHubToken
{
    public static string? From(IReadOnlyDictionary<string, string> environment) =>
        new[] { "INPUT_TOKEN", "GITHUB_TOKEN" }
            .Select(name => environment.TryGetValue(name, out var value) ? value.Trim() : null)
            .FirstOrDefault(value => !string.IsNullOrEmpty(value));
}
