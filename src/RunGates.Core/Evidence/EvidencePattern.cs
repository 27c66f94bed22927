using System.Globalization;
using System.Text.RegularExpressions;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// How a <c>matches:</c> pattern is compiled and run. Where the pattern allows it, it runs on .NET's non-backtracking
/// engine, whose time grows linearly with the value, so no value can make it run away; a pattern using what that engine
/// lacks (backreferences, lookarounds, atomic groups, conditionals, balancing groups, <c>\G</c>) falls back to the
/// backtracking engine. Either way one match may take at most <see cref="Timeout"/>: longer fails that check (RG3045,
/// RG2045 in pre-flight), at the value, naming the pattern's own position, and the run goes on. A check's matches
/// together may take <see cref="CheckBudget"/> (<see cref="PatternBudget"/>); after that its remaining matches fail
/// the same way without running.
/// </summary>
internal static class EvidencePattern
{
    /// <summary>The longest one match may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>The longest all of one check's matches may take together (README "Limits").</summary>
    public static readonly TimeSpan CheckBudget = TimeSpan.FromSeconds(10);

    /// <summary>The compiled pattern; throws <see cref="ArgumentException"/> when it is no .NET regular expression.</summary>
    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);
        }
        catch (NotSupportedException)
        {
            // A construct only backtracking can run; the timeout still bounds it.
            return new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
        }
    }

    /// <summary>Whether the pattern runs on the non-backtracking engine (linear in the value).</summary>
    public static bool IsLinear(Regex pattern) => (pattern.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>Whether <paramref name="node"/>'s text matches; a match that runs out of time throws <see cref="PatternTimeoutException"/>.</summary>
    /// <remarks>With a <paramref name="budget"/> (the check's), the match is charged to it, and not run once it is spent.</remarks>
    public static bool IsMatch(Matcher matcher, Regex pattern, EvidenceNode node, PatternBudget? budget = null)
    {
        var text = node.Text!;
        long start = 0;
        if (budget is not null && !budget.TryStart(out start))
        {
            throw new PatternTimeoutException(matcher, pattern, node.Position, text.Length, budget.Total);
        }

        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new PatternTimeoutException(matcher, pattern, node.Position, text.Length);
        }
        finally
        {
            budget?.Charge(start);
        }
    }

    /// <summary>The finding's message: what timed out (or was not run, the check's time being spent), on what, and which code.</summary>
    public static string Describe(PatternTimeoutException timeout, string code)
    {
        var at = timeout.PatternPosition;
        var pattern = $"/{timeout.Pattern}/ ({Path.GetFileName(at.File)}({at.Line},{at.Column}))";
        var value = DiagnosticText.Count(timeout.ValueLength, "character");
        return timeout.BudgetSpent is { } budget
            ? string.Create(CultureInfo.InvariantCulture,
                $"matching {pattern} was not run on this value of {value}: the check's patterns already took the {budget.TotalSeconds:0.#} s they may take together ({code}); expected matches decided within the limit")
            : string.Create(CultureInfo.InvariantCulture,
                $"matching {pattern} took longer than the {Timeout.TotalSeconds:0.#} s limit on this value of {value} ({code}); expected a match decided within the limit");
    }
}
