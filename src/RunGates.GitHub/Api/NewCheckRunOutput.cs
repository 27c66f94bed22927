namespace RunGates.GitHub.Api;

/// <summary>A check run's <c>output</c> as sent: title and summary are required whenever output is.</summary>
public sealed record NewCheckRunOutput
{
    public required string Title { get; init; }

    /// <summary>Markdown, at most 65,535 characters.</summary>
    public required string Summary { get; init; }

    /// <summary>Markdown, at most 65,535 characters.</summary>
    public string? Text { get; init; }

    /// <summary>At most 50 per request; GitHub appends them to the run's.</summary>
    public IReadOnlyList<NewCheckRunAnnotation>? Annotations { get; init; }
}
