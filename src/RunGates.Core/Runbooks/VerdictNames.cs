using RunGates.Core.Verdicts;

namespace RunGates.Core.Runbooks;

/// <summary>The runbook's own words for the four verdicts (<c>states:</c>).</summary>
public sealed record VerdictNames(string Pass, string Partial, string Incomplete, string Reject)
{
    public static VerdictNames Default { get; } = new("pass", "partial", "incomplete", "reject");

    public string NameOf(Verdict verdict) => verdict switch
    {
        Verdict.Pass => Pass,
        Verdict.Partial => Partial,
        Verdict.Incomplete => Incomplete,
        Verdict.Reject => Reject,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
