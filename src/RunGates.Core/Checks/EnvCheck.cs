namespace RunGates.Core.Checks;

/// <summary><c>env:</c> each variable is set and not empty. Values are never shown.</summary>
public sealed record EnvCheck : Check
{
    public required IReadOnlyList<string> Variables { get; init; }

    public override string Kind => "env";

    public override string Describe() => $"Checks that {string.Join(", ", Variables)} are set.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
