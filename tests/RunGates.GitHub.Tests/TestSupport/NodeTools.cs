namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// The pinned references under <c>tools/node_modules</c> (tools/package.json): GitHub's OpenAPI description, the webhook
/// schemas and action-validator. A missing file fails with the command that installs them, never silently.
/// </summary>
internal static class NodeTools
{
    public static string ModulesDirectory { get; } = Path.Combine(RepositoryRoot.Path, "tools", "node_modules");

    public static string OpenApiDescription => Require("@octokit/openapi/generated/api.github.com.json");

    public static string WebhookSchema => Require("@octokit/webhooks-schemas/schema.json");

    public static string ActionValidator => Require(".bin/action-validator");

    private static string Require(string relative)
    {
        var path = Path.Combine(ModulesDirectory, relative);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} not found: run `npm ci --prefix tools` (tools/README.md) to install the pinned references the GitHub tests use.");
        }

        return path;
    }
}
