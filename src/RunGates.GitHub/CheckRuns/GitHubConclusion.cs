using RunGates.Core.Verdicts;

namespace RunGates.GitHub.CheckRuns;

/// <summary>DESIGN.md's table from verdict to a check run's conclusion and a commit status's state.</summary>
public static class GitHubConclusion
{
    public static string ForCheckRun(Verdict verdict, GitHubReportOptions options) => verdict switch
    {
        Verdict.Pass => "success",
        Verdict.Partial => options.PartialConclusion,
        Verdict.Incomplete => options.IncompleteConclusion,
        _ => "failure",
    };

    /// <summary>The required status: only <c>pass</c> and <c>partial</c> let a pull request merge.</summary>
    public static string ForStatus(Verdict verdict) => verdict is Verdict.Pass or Verdict.Partial ? "success" : "failure";
}
