using System.Globalization;
using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Reports;

/// <summary>
/// <c>rungates explain &lt;check&gt;</c>: what a check does (kind, severity, phase, where it is written) and why it
/// failed last time, or that it passed or never ran.
/// </summary>
public static class ExplainReporter
{
    /// <summary>
    /// Explains <paramref name="check"/> with its result from a run in this process, or none when it has not run.
    /// Positions are shown relative to <paramref name="baseDirectory"/> where they lie below it.
    /// </summary>
    public static string Render(Check check, CheckResult? lastResult, string baseDirectory)
    {
        var last = lastResult is null
            ? null
            : ResultsJson.ToCheck(lastResult, path => ReportText.Path(path, baseDirectory), path => ReportText.Path(path, baseDirectory));
        return Build(check, last, lastRun: null, baseDirectory);
    }

    /// <summary>
    /// Explains <paramref name="check"/> with its entry in the last run's results.json (read from the bundle
    /// <c>LATEST</c> names), or none when there is no run yet. Finding paths are shown as results.json records them:
    /// relative to the run's evidence folder for gates and to the runbook's folder for pre-flight.
    /// </summary>
    public static string RenderFromResults(Check check, ResultsDocument? lastRun, string baseDirectory) =>
        Build(check, lastRun?.FindCheck(check.Id), lastRun, baseDirectory);

    private static string Build(Check check, ResultsCheck? last, ResultsDocument? lastRun, string baseDirectory)
    {
        var text = new StringBuilder();
        text.Append(check.Id).Append(": ").Append(check.Kind).Append(" check, ").Append(ReportText.Word(check.Severity)).Append(", ")
            .AppendLine(check.Phase == Phase.Preflight ? "pre-flight" : "gate");
        text.Append("  written at ").AppendLine(check.Position.ToString(baseDirectory));
        text.Append("  ").AppendLine(check.Describe());
        foreach (var detail in check.Details())
        {
            text.Append("    ").AppendLine(detail);
        }
        if (!string.IsNullOrWhiteSpace(check.Description))
        {
            text.Append("  ").AppendLine(check.Description.Trim().ReplaceLineEndings(Environment.NewLine + "  "));
        }

        text.Append("  ").AppendLine(SeverityMeaning(check));
        if (check.InfeasibleCountsAs == InfeasibleCountsAs.Passed)
        {
            text.AppendLine("  An infeasible record counts as passed (infeasible: { counts-as: passed }): the outcome is shown as infeasible, the verdict counts it as passed, and promote.requires alone decides promotion.");
        }

        text.AppendLine();

        var run = lastRun is null ? "the last run" : $"the last run ({lastRun.RunId}, {lastRun.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, verdict {ReportText.Verdict(lastRun.Verdict, lastRun.VerdictName)})";
        if (last is null)
        {
            text.AppendLine(lastRun is null
                ? "It has not run yet: there is no result for it."
                : $"It did not run in {run}: the runbook may have changed since.");
            return text.ToString();
        }

        if (last.Outcome == Outcome.Infeasible && last.CountsAs == "passed")
        {
            text.Append("It was infeasible, counted as passed, in ").Append(run).Append(": ").AppendLine(last.Message);
            foreach (var finding in last.Findings)
            {
                text.Append("  ").Append(finding.Position?.ToString() ?? check.Position.ToString(baseDirectory)).Append(": ").AppendLine(finding.Message);
            }

            return text.ToString();
        }

        if (last.Outcome == Outcome.Passed)
        {
            text.Append("It passed in ").Append(run).Append(": ").AppendLine(last.Message);
            return text.ToString();
        }

        text.Append(last.Outcome switch
        {
            Outcome.Failed => "It failed in ",
            Outcome.Waived => "It failed, under a waiver, in ",
            Outcome.Missing => "It was missing in ",
            _ => "It was infeasible in ",
        }).Append(run).AppendLine(":");
        text.Append("  ").Append(last.Code is { } code ? code + ": " : "").AppendLine(last.Message);
        foreach (var finding in last.Findings)
        {
            text.Append("  ").Append(finding.Position?.ToString() ?? check.Position.ToString(baseDirectory)).Append(": ").AppendLine(finding.Message);
            if (finding.Expected is not null || finding.Actual is not null)
            {
                text.Append("    expected ").Append(finding.Expected ?? "(nothing)").Append(", found ").AppendLine(finding.Actual ?? "(nothing)");
            }
        }

        if (last.Waiver is { } waiver)
        {
            text.Append("  Waived by ").Append(waiver.By).Append(" until ").Append(Day(waiver.Expires)).Append(": ").AppendLine(waiver.Reason);
        }

        if (last.ExpiredWaiver is { } expired)
        {
            text.Append("  A waiver by ").Append(expired.By).Append(" expired ").Append(Day(expired.Expires)).AppendLine(" and covers nothing.");
        }

        if (last.Log is { } log)
        {
            text.Append("  Output kept in ").Append(log).AppendLine(" in the bundle.");
        }

        if (last.Code is not null && DiagnosticCatalog.Find(last.Code) is { } diagnostic)
        {
            text.Append("  Help: ").AppendLine(diagnostic.HelpLink);
        }

        return text.ToString();
    }

    private static string SeverityMeaning(Check check) => check.Severity switch
    {
        Severity.Blocker => check.Phase == Phase.Preflight
            ? "A failure rejects the run and stops it before any step runs; no waiver can cover it."
            : "A failure rejects the run; no waiver can cover it.",
        Severity.Required => "A failure makes the run incomplete unless a live waiver covers it.",
        _ => "A failure makes the run partial at worst.",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
