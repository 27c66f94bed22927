namespace RunGates.GitHub.Api;

/// <summary>A check run's <c>output</c> as GitHub answers with it.</summary>
public sealed record CheckRunOutput
{
    /// <summary>How many annotations the run has, so a re-run sends only the ones beyond them.</summary>
    public long AnnotationsCount { get; init; }
}
