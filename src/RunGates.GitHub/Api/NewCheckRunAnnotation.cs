namespace RunGates.GitHub.Api;

/// <summary>One entry of <c>output.annotations</c>: a path in the repository and a line range.</summary>
public sealed record NewCheckRunAnnotation
{
    public required string Path { get; init; }

    public required int StartLine { get; init; }

    public required int EndLine { get; init; }

    /// <summary>Allowed only when <see cref="StartLine"/> equals <see cref="EndLine"/>.</summary>
    public int? StartColumn { get; init; }

    public int? EndColumn { get; init; }

    /// <summary><c>notice</c>, <c>warning</c> or <c>failure</c>.</summary>
    public required string AnnotationLevel { get; init; }

    public required string Message { get; init; }

    public string? Title { get; init; }
}
