using System.Globalization;

namespace RunGates.GitHub.Api;

/// <summary>Check runs (docs.github.com/rest/checks/runs): list for a commit, create, update.</summary>
public sealed class CheckRunsClient
{
    private readonly GitHubApiClient _api;

    internal CheckRunsClient(GitHubApiClient api) => _api = api;

    /// <summary>
    /// Every check run named <paramref name="checkName"/> on <paramref name="reference"/>, earlier attempts included
    /// (<c>filter=all</c>), across all pages (checks/list-for-ref).
    /// </summary>
    public Task<IReadOnlyList<CheckRun>> ListForRefAsync(string owner, string repo, string reference, string checkName, CancellationToken cancellationToken) =>
        _api.GetAllPagesAsync(
            GitHubApiClient.Path("repos", owner, repo, "commits", reference, "check-runs")
                + string.Create(CultureInfo.InvariantCulture, $"?check_name={Uri.EscapeDataString(checkName)}&filter=all&per_page={GitHubApiClient.PageSize}"),
            GitHubJsonContext.Default.CheckRunList,
            page => page.CheckRuns,
            cancellationToken);

    /// <summary>checks/create.</summary>
    public Task<CheckRun> CreateAsync(string owner, string repo, NewCheckRun run, CancellationToken cancellationToken) =>
        _api.SendAsync(
            HttpMethod.Post, GitHubApiClient.Path("repos", owner, repo, "check-runs"),
            run, GitHubJsonContext.Default.NewCheckRun, GitHubJsonContext.Default.CheckRun, cancellationToken);

    /// <summary>checks/update: the fields given replace the run's, annotations are appended.</summary>
    public Task<CheckRun> UpdateAsync(string owner, string repo, long checkRunId, CheckRunUpdate update, CancellationToken cancellationToken) =>
        _api.SendAsync(
            HttpMethod.Patch, GitHubApiClient.Path("repos", owner, repo, "check-runs", checkRunId.ToString(CultureInfo.InvariantCulture)),
            update, GitHubJsonContext.Default.CheckRunUpdate, GitHubJsonContext.Default.CheckRun, cancellationToken);
}
