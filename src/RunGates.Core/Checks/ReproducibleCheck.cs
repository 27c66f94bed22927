namespace RunGates.Core.Checks;

/// <summary>
/// <c>reproducible:</c> the evidence files hash the same as in an earlier committed bundle (<c>LATEST</c> or a bundle path),
/// apart from files matching the <c>ignore</c> globs.
/// </summary>
public sealed record ReproducibleCheck : Check
{
    public const string Latest = "LATEST";

    public string Against { get; init; } = Latest;

    public IReadOnlyList<string> Ignore { get; init; } = [];

    public override string Kind => "reproducible";

    public override string Describe() => $"Compares this run's evidence digests with {Against}.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
