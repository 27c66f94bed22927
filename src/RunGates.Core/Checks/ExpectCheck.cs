using RunGates.Core.Evidence;

namespace RunGates.Core.Checks;

/// <summary>
/// <c>expect:</c> over one document (<c>file</c>) or every document a glob matches (<c>each</c>), optionally filtered by
/// <c>when</c>; a document matching <c>infeasible-when</c> makes the check infeasible with that document's <c>reason</c>.
/// </summary>
public sealed record ExpectCheck : Check
{
    /// <summary>The one document to read; exactly one of <see cref="File"/> and <see cref="Each"/> is set.</summary>
    public string? File { get; init; }

    /// <summary>A glob; every matching document is checked, and no match is <c>missing</c>.</summary>
    public string? Each { get; init; }

    public required IReadOnlyList<FieldExpectation> Expect { get; init; }

    public IReadOnlyList<FieldExpectation> When { get; init; } = [];

    public IReadOnlyList<FieldExpectation> InfeasibleWhen { get; init; } = [];

    public override string Kind => "expect";

    public override string Describe() => $"Checks {string.Join(", ", Expect.Select(e => e.Path.Text))} in {File ?? "each " + Each}.";

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
