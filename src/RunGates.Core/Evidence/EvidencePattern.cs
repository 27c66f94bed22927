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
/// RG2045 in pre-flight), at the value, naming the pattern's own position, and the run goes on.
/// </summary>
internal static class EvidencePattern
{
    /// <summary>The longest one match may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

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
    public static bool IsMatch(Matcher matcher, Regex pattern, EvidenceNode node)
    {
        var text = node.Text!;
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new PatternTimeoutException(matcher, pattern, node.Position, text.Length);
        }
    }

    /// <summary>The finding's message: what timed out, on what, and which code.</summary>
    public static string Describe(PatternTimeoutException timeout, string code)
    {
        var at = timeout.PatternPosition;
        return string.Create(CultureInfo.InvariantCulture,
            $"matching /{timeout.Pattern}/ ({Path.GetFileName(at.File)}({at.Line},{at.Column})) took longer than the {Timeout.TotalSeconds:0.#} s limit on this value of {DiagnosticText.Count(timeout.ValueLength, "character")} ({code}); expected a match decided within the limit");
    }
}
