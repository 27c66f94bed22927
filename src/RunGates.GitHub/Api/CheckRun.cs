namespace RunGates.GitHub.Api;

/// <summary>A check run as GitHub answers with it, only the fields RunGates reads; the rest of the body is ignored.</summary>
public sealed record CheckRun
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>The run's page on GitHub, which the commit status links to.</summary>
    public string? HtmlUrl { get; init; }

    public CheckRunOutput? Output { get; init; }
}
