namespace RunGates.Core.Checks;

/// <summary><c>files:</c> every listed path exists; a glob must match at least one file.</summary>
public sealed record FilesCheck : Check
{
    public required IReadOnlyList<string> Paths { get; init; }

    public override string Kind => "files";

    public override string Describe() => $"Checks that {string.Join(", ", Paths)} exist.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
