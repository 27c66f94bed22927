namespace RunGates.GitHub.Api;

/// <summary>One entry of a 422's <c>errors</c> array: which field of which resource GitHub refused, and why.</summary>
public sealed record GitHubApiFieldError(string? Resource, string? Field, string? Code, string? Message)
{
    /// <summary>GitHub's message where it gives one, else the field and code (<c>name missing_field</c>).</summary>
    public override string ToString() => Message ?? string.Join(' ', new[] { Field, Code }.Where(s => !string.IsNullOrEmpty(s)));
}
