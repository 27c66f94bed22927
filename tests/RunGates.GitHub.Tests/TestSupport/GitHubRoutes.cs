using System.Text.RegularExpressions;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>Maps a request's method and path (without <c>/api/v3</c>) to its operation, and each operation to its OpenAPI path.</summary>
internal static partial class GitHubRoutes
{
    private static readonly (GitHubOperation Operation, string Method, string OpenApiPath, Regex Pattern)[] Table =
    [
        (GitHubOperation.CreateCheckRun, "POST", "/repos/{owner}/{repo}/check-runs", CreateCheckRunPattern()),
        (GitHubOperation.UpdateCheckRun, "PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", CheckRunPattern()),
        (GitHubOperation.GetCheckRun, "GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", CheckRunPattern()),
        (GitHubOperation.ListCheckRunsForRef, "GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", ListCheckRunsPattern()),
        (GitHubOperation.CreateCommitStatus, "POST", "/repos/{owner}/{repo}/statuses/{sha}", StatusPattern()),
        (GitHubOperation.GetPullRequest, "GET", "/repos/{owner}/{repo}/pulls/{pull_number}", PullRequestPattern()),
        (GitHubOperation.ListPullRequestReviews, "GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", ReviewsPattern()),
    ];

    public static (GitHubOperation Operation, IReadOnlyDictionary<string, string> Parameters)? Match(string method, string path)
    {
        foreach (var route in Table)
        {
            var match = route.Pattern.Match(path);
            if (match.Success && string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                var parameters = route.Pattern.GetGroupNames()
                    .Where(name => !char.IsDigit(name[0]))
                    .ToDictionary(name => name, name => Uri.UnescapeDataString(match.Groups[name].Value), StringComparer.Ordinal);
                return (route.Operation, parameters);
            }
        }

        return null;
    }

    public static (string Method, string OpenApiPath) Describe(GitHubOperation operation)
    {
        var route = Table.Single(r => r.Operation == operation);
        return (route.Method, route.OpenApiPath);
    }

    public static bool HasBody(GitHubOperation operation) =>
        operation is GitHubOperation.CreateCheckRun or GitHubOperation.UpdateCheckRun or GitHubOperation.CreateCommitStatus;

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/check-runs/?$")]
    private static partial Regex CreateCheckRunPattern();

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/check-runs/(?<check_run_id>[0-9]+)/?$")]
    private static partial Regex CheckRunPattern();

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/commits/(?<ref>.+)/check-runs/?$")]
    private static partial Regex ListCheckRunsPattern();

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/statuses/(?<sha>.+?)/?$")]
    private static partial Regex StatusPattern();

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/pulls/(?<pull_number>[0-9]+)/?$")]
    private static partial Regex PullRequestPattern();

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/pulls/(?<pull_number>[0-9]+)/reviews/?$")]
    private static partial Regex ReviewsPattern();
}
