using RunGates.Core.Evidence;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>
/// One <c>by:</c> source of a <c>covers:</c> check: the records that may cover a value, and the key each one offers.
/// Exactly one of <see cref="Each"/> (every document a glob matches is a record) and <see cref="Records"/> (the
/// elements a <c>{ file, path }</c> reference selects) is set.
/// </summary>
public sealed record CoverageSource
{
    public string? Each { get; init; }

    public ValueReference? Records { get; init; }

    /// <summary>The path, inside a record, of its key (a <c>[*]</c> or filter offers several keys).</summary>
    public required DocumentPath Key { get; init; }

    /// <summary>
    /// What a record must meet to count; paths and <c>@</c> start at the record, <c>$</c> and path-string REFs at its
    /// document's root. Empty: every record counts.
    /// </summary>
    public IReadOnlyList<Expectation> Where { get; init; } = [];

    /// <summary>Where the source is written in rungates.yml.</summary>
    public required SourcePosition Position { get; init; }

    public string Describe() =>
        $"{(Each is not null ? $"each {Each}" : Records!.Text)} by {Key.Text}{(Where.Count > 0 ? $" where {string.Join(", ", Where.Select(ExpectationEvaluator.Describe))}" : "")}";
}
