namespace RunGates.GitHub.CheckRuns;

/// <summary>How a run is reported to GitHub: the names, the annotation cap and the configurable conclusions.</summary>
public sealed record GitHubReportOptions
{
    /// <summary>The default cap on annotations: GitHub shows them all, but thousands bury the first ones.</summary>
    public const int DefaultMaxAnnotations = 500;

    /// <summary>The check run's name and the status context; default <c>rungates/&lt;runbook name&gt;</c>.</summary>
    public string? CheckName { get; init; }

    public int MaxAnnotations { get; init; } = DefaultMaxAnnotations;

    /// <summary>The conclusion of a <c>partial</c> run: <c>success</c> (default) or <c>neutral</c>.</summary>
    public string PartialConclusion { get; init; } = "success";

    /// <summary>The conclusion of an <c>incomplete</c> run: <c>failure</c> (default), <c>neutral</c> or <c>action_required</c>.</summary>
    public string IncompleteConclusion { get; init; } = "failure";

    /// <summary>The folder repository paths are taken against when results.json recorded an absolute path.</summary>
    public string? Workspace { get; init; }

    /// <summary>The check run's details link: the workflow run's page.</summary>
    public string? DetailsUrl { get; init; }

    /// <summary>The bundle, named in the summary's last line.</summary>
    public string? Bundle { get; init; }

    public static IReadOnlyList<string> PartialConclusions { get; } = ["success", "neutral"];

    public static IReadOnlyList<string> IncompleteConclusions { get; } = ["failure", "neutral", "action_required"];
}
