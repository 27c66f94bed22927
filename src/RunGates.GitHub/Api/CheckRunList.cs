namespace RunGates.GitHub.Api;

/// <summary>One page of <c>GET /repos/{owner}/{repo}/commits/{ref}/check-runs</c> (checks/list-for-ref).</summary>
internal sealed record CheckRunList
{
    public long TotalCount { get; init; }

    public IReadOnlyList<CheckRun> CheckRuns { get; init; } = [];
}
