namespace RunGates.Core.Checks;

/// <summary><c>same:</c> the values at every listed document and path are present and equal.</summary>
public sealed record SameCheck : Check
{
    public required IReadOnlyList<SameSource> Sources { get; init; }

    public override string Kind => "same";

    public override string Describe() => $"Checks that {string.Join(", ", Sources.Select(s => s.File + ":" + s.Path.Text))} hold the same value.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
