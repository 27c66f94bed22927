namespace RunGates.Core.Verdicts;

/// <summary>The verdicts' fixed keywords (<c>pass</c>, <c>partial</c>, <c>incomplete</c>, <c>reject</c>), as used in options and files.</summary>
public static class VerdictKeywords
{
    public static IReadOnlyList<string> All { get; } = ["pass", "partial", "incomplete", "reject"];

    public static string ToKeyword(this Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Partial => "partial",
        Verdict.Incomplete => "incomplete",
        Verdict.Reject => "reject",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static bool TryParse(string? text, out Verdict verdict)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "pass":
                verdict = Verdict.Pass;
                return true;
            case "partial":
                verdict = Verdict.Partial;
                return true;
            case "incomplete":
                verdict = Verdict.Incomplete;
                return true;
            case "reject":
                verdict = Verdict.Reject;
                return true;
            default:
                verdict = default;
                return false;
        }
    }
}
