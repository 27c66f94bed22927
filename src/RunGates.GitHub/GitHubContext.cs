using RunGates.Core.Diagnostics;

namespace RunGates.GitHub;

/// <summary>
/// What the Actions runner says about the job, from its <c>GITHUB_*</c> variables. The token is deliberately not
/// here (a record prints its members); see <see cref="GitHubToken"/>.
/// </summary>
public sealed record GitHubContext
{
    public const string DefaultApiUrl = "https://api.github.com";

    public const string DefaultServerUrl = "https://github.com";

    public required string Owner { get; init; }

    public required string Repository { get; init; }

    /// <summary>The REST API base: <c>GITHUB_API_URL</c>, so GitHub Enterprise Server (<c>https://host/api/v3</c>) works.</summary>
    public string ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>The web base for links: <c>GITHUB_SERVER_URL</c>.</summary>
    public string ServerUrl { get; init; } = DefaultServerUrl;

    public string? EventName { get; init; }

    public string? EventPath { get; init; }

    /// <summary><c>GITHUB_SHA</c>: the commit the workflow runs on (for pull requests, the merge commit, not the head).</summary>
    public string? Sha { get; init; }

    public string? RunId { get; init; }

    public string? RunAttempt { get; init; }

    public string? Workspace { get; init; }

    /// <summary><c>GITHUB_STEP_SUMMARY</c>; null outside Actions or on runners too old to have it.</summary>
    public string? StepSummaryPath { get; init; }

    /// <summary><c>GITHUB_OUTPUT</c>; null outside Actions.</summary>
    public string? OutputPath { get; init; }

    /// <summary>The workflow run's page, for a check run's details link; null outside Actions.</summary>
    public string? WorkflowRunUrl => RunId is null
        ? null
        : $"{ServerUrl}/{Owner}/{Repository}/actions/runs/{RunId}" + (RunAttempt is { Length: > 0 } attempt && attempt != "1" ? $"/attempts/{attempt}" : "");

    /// <summary>Reads the runner's variables; <c>GITHUB_REPOSITORY</c> (<c>owner/name</c>) is the one that must be there.</summary>
    public static GitHubContext FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var repository = Get("GITHUB_REPOSITORY")
            ?? throw new GitHubException(DiagnosticCatalog.GitHubEventUnreadable, "GITHUB_REPOSITORY is not set; expected owner/name, as the Actions runner sets it.");
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == repository.Length - 1 || repository.IndexOf('/', slash + 1) >= 0)
        {
            throw new GitHubException(DiagnosticCatalog.GitHubEventUnreadable, $"GITHUB_REPOSITORY is '{repository}'; expected owner/name.");
        }

        return new GitHubContext
        {
            Owner = repository[..slash],
            Repository = repository[(slash + 1)..],
            ApiUrl = (Get("GITHUB_API_URL") ?? DefaultApiUrl).TrimEnd('/'),
            ServerUrl = (Get("GITHUB_SERVER_URL") ?? DefaultServerUrl).TrimEnd('/'),
            EventName = Get("GITHUB_EVENT_NAME"),
            EventPath = Get("GITHUB_EVENT_PATH"),
            Sha = Get("GITHUB_SHA"),
            RunId = Get("GITHUB_RUN_ID"),
            RunAttempt = Get("GITHUB_RUN_ATTEMPT"),
            Workspace = Get("GITHUB_WORKSPACE"),
            StepSummaryPath = Get("GITHUB_STEP_SUMMARY"),
            OutputPath = Get("GITHUB_OUTPUT"),
        };
    }
}
