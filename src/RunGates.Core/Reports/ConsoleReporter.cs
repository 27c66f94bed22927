using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Reports;

/// <summary>Renders a run as the console table a person reads on a terminal.</summary>
public static class ConsoleReporter
{
    private const string Reset = "\u001b[0m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Cyan = "\u001b[36m";
    private const string Dim = "\u001b[2m";
    private const string Bold = "\u001b[1m";

    /// <summary>Renders without truncating: right for logs and files, where nothing wraps.</summary>
    public static string Render(RunResult result, string baseDirectory, bool useColor) => Render(result, baseDirectory, useColor, width: 0);

    /// <summary>
    /// Renders for a terminal <paramref name="width"/> columns wide: table messages are cut to fit, with <c>…</c>.
    /// Findings are never cut, they are the detail a person came for. A width of 0 or less means no limit.
    /// </summary>
    public static string Render(RunResult result, string baseDirectory, bool useColor, int width)
    {
        var output = new StringBuilder();
        var idWidth = Math.Clamp(result.Checks.Select(c => c.Id.Length).Concat(result.Steps.Select(s => s.Id.Length)).DefaultIfEmpty(8).Max(), 8, 32);
        string Paint(string text, string color) => useColor ? color + text + Reset : text;

        output.Append(Paint($"rungates/{result.Runbook.Name}", Bold)).Append("  run ").AppendLine(result.Manifest.RunId);

        foreach (var phase in new[] { Phase.Preflight, Phase.Gates })
        {
            if (phase == Phase.Gates && result.Steps.Count > 0)
            {
                output.AppendLine().AppendLine(Paint("Steps", Bold));
                foreach (var step in result.Steps)
                {
                    var word = step.Succeeded ? "passed" : "failed";
                    Row(output, Paint(word.PadRight(10), step.Succeeded ? Green : Red), "step", step.Id, ReportText.StepSummary(step), idWidth, width);
                    if (!step.Succeeded && result.BundleDirectory is { } bundle)
                    {
                        output.Append("      ").AppendLine(Paint("log: " + ReportText.Path(Path.Combine(bundle, step.LogFile), baseDirectory), Dim));
                    }
                }
            }

            var checks = result.Checks.Where(c => c.Phase == phase).ToList();
            if (checks.Count == 0)
            {
                continue;
            }

            output.AppendLine().AppendLine(Paint(ReportText.Title(phase), Bold));
            foreach (var check in checks)
            {
                Row(output, Paint(ReportText.Word(check.Outcome).PadRight(10), Color(check.Outcome)), ReportText.Word(check.Severity), check.Id, check.Message, idWidth, width);
                if (check.Outcome == Outcome.Passed)
                {
                    continue;
                }

                foreach (var finding in check.Findings.Take(ReportText.FindingsShown))
                {
                    output.Append("      ").AppendLine(ReportText.Finding(check, finding, baseDirectory));
                }

                if (check.Findings.Count > ReportText.FindingsShown)
                {
                    output.Append("      ").AppendLine(Paint($"... and {check.Findings.Count - ReportText.FindingsShown} more in {ResultsJson.FileName}", Dim));
                }

                if (check.LogFile is { } log && result.BundleDirectory is { } bundle)
                {
                    output.Append("      ").AppendLine(Paint("log: " + ReportText.Path(Path.Combine(bundle, log), baseDirectory), Dim));
                }
            }
        }

        output.AppendLine();
        output.Append(Counts(result.Checks)).AppendLine();
        output.Append("Verdict: ").Append(Paint(ReportText.Verdict(result.Verdict, result.VerdictName), Bold + VerdictColor(result.Verdict)));
        if (result.StoppedAt is { } stoppedAt)
        {
            output.Append(Paint($"  (stopped at {stoppedAt})", Red));
        }

        output.AppendLine();
        // Pre-flight alone (run --preflight-only) opens no bundle, so there is nothing that could be promoted.
        if (result.BundleDirectory is not { } bundleDirectory)
        {
            return output.ToString();
        }

        output.Append("Bundle:  ").AppendLine(ReportText.Path(bundleDirectory, baseDirectory));
        output.Append("Promotable: ").AppendLine(result.Promotable ? Paint("yes", Green) : Paint("no", Yellow));
        foreach (var reason in result.PromotionReasons)
        {
            output.Append("  - ").AppendLine(reason);
        }

        return output.ToString();
    }

    private static void Row(StringBuilder output, string outcome, string severity, string id, string message, int idWidth, int width)
    {
        var prefix = $"  {outcome} {severity,-9} {id.PadRight(idWidth)} ";
        var visible = 2 + 10 + 1 + 10 + Math.Max(idWidth, id.Length) + 1;
        message = message.ReplaceLineEndings(" ");
        if (width > 0)
        {
            message = Truncate(message, Math.Max(width - visible, 12));
        }

        output.Append(prefix).AppendLine(message);
    }

    /// <summary>Cuts to <paramref name="max"/> characters with a trailing <c>…</c>, never splitting a surrogate pair.</summary>
    internal static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    private static string Counts(IReadOnlyList<CheckResult> checks)
    {
        var parts = Enum.GetValues<Outcome>()
            .Select(o => (Outcome: o, Count: checks.Count(c => c.Outcome == o)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Count} {ReportText.Word(p.Outcome)}");
        return $"{DiagnosticText.Count(checks.Count, "check")}: {string.Join(", ", parts)}";
    }

    private static string Color(Outcome outcome) => outcome switch
    {
        Outcome.Passed => Green,
        Outcome.Failed => Red,
        Outcome.Waived => Cyan,
        _ => Yellow,
    };

    private static string VerdictColor(Verdict verdict) => verdict switch
    {
        Verdict.Pass => Green,
        Verdict.Partial => Cyan,
        Verdict.Incomplete => Yellow,
        _ => Red,
    };
}
