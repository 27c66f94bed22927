using RunGates.Core.Diagnostics;

namespace RunGates.GitHub;

/// <summary>What publishing came to: the check run's page when one was posted, and the problem that stopped it, if any.</summary>
public sealed record GitHubPublishResult(string? CheckRunUrl, RunGatesDiagnostic? Problem = null, string? ProblemMessage = null)
{
    /// <summary>Whether both the check run and the commit status were posted.</summary>
    public bool Posted => Problem is null;
}
