using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>
/// One item under <c>preflight</c> or <c>gates</c>. Each kind is a sealed record deriving from this one that
/// carries its own settings and knows how to evaluate itself against a <see cref="CheckContext"/>.
/// </summary>
public abstract record Check
{
    /// <summary>The check's id, unique across the runbook.</summary>
    public required string Id { get; init; }

    public required Phase Phase { get; init; }

    public Severity Severity { get; init; } = Severity.Required;

    /// <summary>Where the check's <c>id</c> sits in rungates.yml.</summary>
    public required SourcePosition Position { get; init; }

    /// <summary>Optional human text from the <c>description</c> key, shown by <c>rungates explain</c>.</summary>
    public string? Description { get; init; }

    /// <summary>What an infeasible outcome counts as in the verdict (<c>infeasible: { counts-as }</c>); the outcome itself stays infeasible.</summary>
    public InfeasibleCountsAs InfeasibleCountsAs { get; init; } = InfeasibleCountsAs.Incomplete;

    /// <summary>The key that selects this kind in rungates.yml: <c>files</c>, <c>expect</c>, <c>same</c>, ...</summary>
    public abstract string Kind { get; }

    /// <summary>A sentence on what this check verifies, for <c>rungates explain</c> and reports.</summary>
    public abstract string Describe();

    /// <summary>What the check tests, one line each, for <c>rungates explain</c> (e.g. each path of an expect map and its matchers).</summary>
    public virtual IReadOnlyList<string> Details() => [];

    public abstract ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken);

    /// <summary>
    /// What the outcome depends on (see <see cref="CheckInputs"/>). Each kind that reads only files says which; the
    /// default is the safe answer for any other kind: it must always be evaluated again.
    /// </summary>
    public virtual CheckInputs Inputs(CheckContext context) => CheckInputs.Always($"a {Kind} check does not list what it reads");
}
