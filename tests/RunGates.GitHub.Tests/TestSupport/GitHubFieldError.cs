namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>One entry of a 422's <c>errors</c> array, as GitHub sends it: <c>{"resource", "code", "field", "message"}</c>.</summary>
/// <param name="FromSchema">Found by the OpenAPI request schema rather than a documented limit.</param>
internal sealed record GitHubFieldError(string Resource, string Code, string Field, string Message, bool FromSchema = false)
{
    public override string ToString() => $"{Field}: {Message}";
}
