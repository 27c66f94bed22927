using System.Text.RegularExpressions;
using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

/// <summary>
/// A check's matches: patterns share one budget: once spent, its remaining matches are not run and fail with the
/// timeout's own code, and other checks keep theirs. Shown by counting the matches run, not by timing.
/// </summary>
public sealed class PatternBudgetTests : IDisposable
{
    private const int Documents = 60;
    private static readonly TimeSpan PerMatch = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static ExpectCheck Each(string id, string pattern) => new()
    {
        Id = id,
        Phase = Phase.Gates,
        Position = At,
        Each = "r/*.json",
        // Backtracking (the lookahead), with a short per-match timeout as the loader's 2 s would be.
        Expect = [Field("v", new Matcher(MatcherKind.Matches, At) { Pattern = new Regex(pattern, RegexOptions.CultureInvariant, PerMatch) })],
        When = [],
        InfeasibleWhen = [],
    };

    [Fact]
    public void Once_a_checks_budget_is_spent_its_remaining_matches_fail_without_running_and_other_checks_keep_theirs()
    {
        for (var i = 0; i < Documents; i++)
        {
            // Catastrophic for ^(?!x)(a+)+$: every match runs out of its time.
            _fixture.Write($"r/{i:D3}.json", $"{{\"v\": \"{new string('a', 30)}b\"}}");
        }

        var results = ExpectPass.Evaluate([Each("runaway", "^(?!x)(a+)+$"), Each("fine", "^(?!x)a+b$")], _fixture.Context(Budget), CancellationToken.None);

        var runaway = results[0];
        Assert.Equal(Outcome.Failed, runaway.Outcome);
        Assert.Equal(Documents, runaway.Findings.Count);
        Assert.All(runaway.Findings, f => Assert.Equal("RG3045", f.Code));
        var ran = runaway.Findings.Count(f => f.Message.Contains("took longer than the 2 s limit", StringComparison.Ordinal));
        var notRun = runaway.Findings.Count(f => f.Message.Contains("was not run on this value of 31 characters: the check's patterns already took the 0.1 s they may take together (RG3045)", StringComparison.Ordinal));
        Assert.Equal(Documents, ran + notRun);

        // Each match that ran was charged at least its 20 ms timeout, so after 100 ms / 20 ms = 5 of them the budget was
        // gone; at most one more per thread was already under way. Every other match was refused unrun.
        Assert.InRange(ran, 5, 5 + Environment.ProcessorCount);
        Assert.Equal(Documents - ran, notRun);

        // The second check's budget is its own: its matches all ran, and all hold.
        Assert.Equal(Outcome.Passed, results[1].Outcome);
    }

    [Fact]
    public void A_spent_budget_refuses_and_counts()
    {
        var budget = new PatternBudget(TimeSpan.Zero);

        Assert.True(budget.IsSpent);
        Assert.False(budget.TryStart(out _));
        Assert.False(budget.TryStart(out _));
        Assert.Equal((0, 2), (budget.Attempted, budget.Refused));

        var open = new PatternBudget(TimeSpan.FromHours(1));
        Assert.True(open.TryStart(out var start));
        open.Charge(start);
        Assert.Equal((1, 0), (open.Attempted, open.Refused));
        Assert.False(open.IsSpent);
    }
}
