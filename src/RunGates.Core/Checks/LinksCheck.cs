namespace RunGates.Core.Checks;

/// <summary><c>links:</c> relative links and <c>#anchors</c> in the Markdown files the globs match resolve. No network.</summary>
public sealed record LinksCheck : Check
{
    public required IReadOnlyList<string> Patterns { get; init; }

    public override string Kind => "links";

    public override string Describe() => $"Checks that relative links in {string.Join(", ", Patterns)} resolve.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
