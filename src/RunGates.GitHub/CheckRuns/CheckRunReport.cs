namespace RunGates.GitHub.CheckRuns;

/// <summary>Everything RunGates posts about one run: the check run, its annotations and the commit status.</summary>
public sealed record CheckRunReport
{
    /// <summary>The check run's name, which is also the commit status context (the required check).</summary>
    public required string Name { get; init; }

    /// <summary>The RunGates run id, so a re-run of the same publish updates the check run instead of adding one.</summary>
    public required string ExternalId { get; init; }

    /// <summary><c>success</c>, <c>failure</c>, <c>neutral</c> or <c>action_required</c>.</summary>
    public required string Conclusion { get; init; }

    public required string Title { get; init; }

    /// <summary>Markdown, at most 65,535 characters.</summary>
    public required string Summary { get; init; }

    /// <summary>Markdown details (every finding), at most 65,535 characters.</summary>
    public required string Text { get; init; }

    /// <summary>Ranked blocker, required, advisory failures then waivers; already capped.</summary>
    public IReadOnlyList<GitHubAnnotation> Annotations { get; init; } = [];

    /// <summary>How many annotations the cap left out.</summary>
    public int OmittedAnnotations { get; init; }

    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public required string StatusState { get; init; }

    /// <summary>At most 140 characters.</summary>
    public required string StatusDescription { get; init; }

    public string? DetailsUrl { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset CompletedAt { get; init; }
}
