namespace RunGates.GitHub;

/// <summary>
/// The action's inputs as the runner hands them to a container: <c>INPUT_&lt;NAME&gt;</c>, the name upper-cased with
/// spaces turned into underscores (dashes stay: <c>fail-on</c> arrives as <c>INPUT_FAIL-ON</c>).
/// </summary>
public sealed class GitHubActionInputs(IReadOnlyDictionary<string, string> environment)
{
    /// <summary>The variable the runner sets for <paramref name="input"/>.</summary>
    public static string VariableName(string input) => "INPUT_" + input.Replace(' ', '_').ToUpperInvariant();

    /// <summary>The input's value, trimmed; null when it is unset or empty (the runner passes unset inputs as empty).</summary>
    public string? Get(string input) =>
        environment.TryGetValue(VariableName(input), out var value) && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
