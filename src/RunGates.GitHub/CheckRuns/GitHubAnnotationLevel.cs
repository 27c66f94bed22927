namespace RunGates.GitHub.CheckRuns;

/// <summary>A check-run annotation's level, as GitHub names them.</summary>
public enum GitHubAnnotationLevel
{
    Notice,
    Warning,
    Failure,
}
