using System.Diagnostics;

namespace RunGates.Core.Evidence;

/// <summary>
/// The time one check may spend in <c>matches:</c> patterns, across all its matches (<see cref="EvidencePattern.CheckBudget"/>,
/// 10 s by default): each match is charged its own time; once the budget is spent, the check's remaining matches are
/// not run and fail at once with the same timeout finding (RG3045, RG2045 in pre-flight). A bad pattern over 10,000
/// documents thus costs one check about the budget, not hours, and other checks keep their own. Safe between threads;
/// matches already running when it runs out finish (each bounded by <see cref="EvidencePattern.Timeout"/>).
/// </summary>
internal sealed class PatternBudget(TimeSpan total)
{
    private readonly long _totalTicks = (long)(total.TotalSeconds * Stopwatch.Frequency);
    private long _spentTicks;
    private int _attempted;
    private int _refused;

    public TimeSpan Total { get; } = total;

    /// <summary>Whether the check's time for patterns is gone.</summary>
    public bool IsSpent => Volatile.Read(ref _spentTicks) >= _totalTicks;

    /// <summary>Matches run so far.</summary>
    public int Attempted => Volatile.Read(ref _attempted);

    /// <summary>Matches not run because the budget was spent.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Starts a match: false (and counted as refused) when the budget is spent; otherwise the start to pass to <see cref="Charge"/>.</summary>
    public bool TryStart(out long start)
    {
        start = 0;
        if (IsSpent)
        {
            Interlocked.Increment(ref _refused);
            return false;
        }

        Interlocked.Increment(ref _attempted);
        start = Stopwatch.GetTimestamp();
        return true;
    }

    /// <summary>Charges the match started at <paramref name="start"/> its time.</summary>
    public void Charge(long start) => Interlocked.Add(ref _spentTicks, Stopwatch.GetTimestamp() - start);
}
