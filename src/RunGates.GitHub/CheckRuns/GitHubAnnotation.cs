namespace RunGates.GitHub.CheckRuns;

/// <summary>
/// One annotation as RunGates will send it: a repository path and a single line (with a column where known),
/// already cut to GitHub's limits.
/// </summary>
public sealed record GitHubAnnotation(string Path, int Line, int? Column, GitHubAnnotationLevel Level, string Title, string Message);
