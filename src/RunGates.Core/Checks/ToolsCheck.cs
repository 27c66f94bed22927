namespace RunGates.Core.Checks;

/// <summary><c>tools:</c> each tool runs and reports the pinned version.</summary>
public sealed record ToolsCheck : Check
{
    public required IReadOnlyList<ToolPin> Tools { get; init; }

    public override string Kind => "tools";

    public override string Describe() => $"Checks that {string.Join(", ", Tools.Select(t => t.Tool))} run at their pinned versions.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
