using System.Globalization;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Reports;

/// <summary>The words and small formats every reporter shares, so the console, Markdown, JUnit and explain agree.</summary>
internal static class ReportText
{
    public static string Word(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>The keyword of <c>counts-as</c>: <c>passed</c> or <c>incomplete</c>.</summary>
    public static string CountsAs(InfeasibleCountsAs countsAs) => countsAs == InfeasibleCountsAs.Passed ? "passed" : "incomplete";

    /// <summary>A results.json <c>counts_as</c> read back: <c>passed</c>, else the default (incomplete).</summary>
    public static InfeasibleCountsAs ParseCountsAs(string? countsAs) => countsAs == "passed" ? InfeasibleCountsAs.Passed : InfeasibleCountsAs.Incomplete;

    public static string Word(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Word(Phase phase) => phase == Phase.Preflight ? "preflight" : "gates";

    public static string Title(Phase phase) => phase == Phase.Preflight ? "Pre-flight" : "Gates";

    /// <summary><c>REJECT (reject)</c>, or just <c>reject</c> when the runbook keeps the default names.</summary>
    public static string Verdict(Verdict verdict, string name) => verdict.ToKeyword() == name ? name : $"{name} ({verdict.ToKeyword()})";

    public static string Duration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : Math.Round(duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    public static string StepSummary(StepResult step) => step.Error ?? $"exit 0 in {Duration(step.Duration)}";

    public static string StepSummary(ResultsStep step) =>
        step.Error ?? $"exit 0 in {Duration(TimeSpan.FromMilliseconds(step.DurationMs))}";

    /// <summary>A finding as results.json records it: <c>path(line,col): message</c>, at the check's own line when it has no position.</summary>
    public static string Finding(ResultsCheck check, ResultsFinding finding) => $"{finding.Position ?? check.Spec}: {finding.Message}";

    /// <summary><c>path(line,col): message</c>, pointing at the check's line in rungates.yml when the finding has no position.</summary>
    public static string Finding(CheckResult check, CheckFinding finding, string baseDirectory) =>
        $"{(finding.Position ?? check.SpecPosition).ToString(baseDirectory)}: {finding.Message}";

    /// <summary>A path shown relative to <paramref name="baseDirectory"/> where it lies below it.</summary>
    public static string Path(string path, string baseDirectory) => RunPaths.RelativeTo(path, baseDirectory);

    /// <summary>
    /// The check's diagnostic, or null when it passed or its kind has no code yet: a report must still be written
    /// for a kind the catalog does not know, rather than lose the whole run's results.
    /// </summary>
    public static RunGatesDiagnostic? Diagnostic(CheckResult check)
    {
        try
        {
            return check.Diagnostic;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>How many findings a human report lists per check before pointing to results.json.</summary>
    public const int FindingsShown = 20;
}
