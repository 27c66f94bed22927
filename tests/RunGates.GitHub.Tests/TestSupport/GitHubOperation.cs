namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>The REST operations <see cref="GitHubApiServer"/> serves, named after their pages in GitHub's REST docs.</summary>
public enum GitHubOperation
{
    /// <summary>POST /repos/{owner}/{repo}/check-runs (checks/create).</summary>
    CreateCheckRun,

    /// <summary>PATCH /repos/{owner}/{repo}/check-runs/{check_run_id} (checks/update).</summary>
    UpdateCheckRun,

    /// <summary>GET /repos/{owner}/{repo}/check-runs/{check_run_id} (checks/get).</summary>
    GetCheckRun,

    /// <summary>GET /repos/{owner}/{repo}/commits/{ref}/check-runs (checks/list-for-ref).</summary>
    ListCheckRunsForRef,

    /// <summary>POST /repos/{owner}/{repo}/statuses/{sha} (repos/create-commit-status).</summary>
    CreateCommitStatus,

    /// <summary>GET /repos/{owner}/{repo}/pulls/{pull_number} (pulls/get).</summary>
    GetPullRequest,

    /// <summary>GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews (pulls/list-reviews).</summary>
    ListPullRequestReviews,
}
