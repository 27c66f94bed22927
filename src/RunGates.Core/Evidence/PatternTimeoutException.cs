using System.Text.RegularExpressions;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// A <c>matches:</c> pattern ran out of time on one value (<see cref="EvidencePattern.Timeout"/>), or was not run on it
/// because its check's <see cref="PatternBudget"/> was spent. Thrown out of the
/// matchers, whose answer is a plain yes or no, and caught where the check's document is evaluated, which fails that
/// check alone with the pattern's and the value's positions.
/// </summary>
internal sealed class PatternTimeoutException(Matcher matcher, Regex pattern, SourcePosition valuePosition, int valueLength, TimeSpan? budgetSpent = null)
    : Exception($"A matches: pattern took longer than {EvidencePattern.Timeout.TotalSeconds} s.")
{
    /// <summary>Set when the match was not run because the check's <see cref="PatternBudget"/> (this long) was spent.</summary>
    public TimeSpan? BudgetSpent { get; } = budgetSpent;

    public string Pattern { get; } = pattern.ToString();

    /// <summary>Where the pattern is written in rungates.yml.</summary>
    public SourcePosition PatternPosition { get; } = matcher.Value?.Position ?? matcher.Position;

    /// <summary>Where the value it ran on is in the evidence.</summary>
    public SourcePosition ValuePosition { get; } = valuePosition;

    public int ValueLength { get; } = valueLength;
}
