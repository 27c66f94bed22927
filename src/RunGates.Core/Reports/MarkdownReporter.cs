using System.Globalization;
using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runs;

namespace RunGates.Core.Reports;

/// <summary>Renders a run as Markdown, for job summaries and pull request comments.</summary>
public static class MarkdownReporter
{
    /// <summary>
    /// The most a rendering may hold, in UTF-8 bytes: GitHub refuses check-run summaries over 65,535 characters, and
    /// counting bytes keeps under that whatever the text.
    /// </summary>
    public const int MaxBytes = 65_535;

    /// <summary>Renders a run with every path shown relative to <paramref name="baseDirectory"/> where it lies below it.</summary>
    public static string Render(RunResult result, string baseDirectory)
    {
        string Relative(string path) => RunPaths.RelativeTo(path, baseDirectory);
        var document = ResultsJson.ToDocument(result, Relative, _ => Relative);
        var bundle = result.BundleDirectory is { } directory ? Relative(directory) : null;
        return Render(document, bundle);
    }

    /// <summary>
    /// Renders a run as its results.json records it (the GitHub front door publishes from a bundle this way), cut to
    /// <paramref name="maxBytes"/>; <paramref name="bundle"/> names the bundle in the last line when given.
    /// </summary>
    public static string Render(ResultsDocument results, string? bundle = null, int maxBytes = MaxBytes) => Cap(Build(results, bundle), maxBytes);

    /// <summary>
    /// Verdict and counts first; then every check that did not pass, worst first, with its position; steps; and the
    /// passed checks folded into a <c>&lt;details&gt;</c> block, last, so a long runbook stays readable and a cut
    /// (<see cref="Cap"/>) takes passed checks before anything that needs attention.
    /// </summary>
    private static string Build(ResultsDocument results, string? bundle)
    {
        var md = new StringBuilder();
        md.Append("## rungates/").Append(Escape(results.Runbook)).Append(": ").AppendLine(Escape(ReportText.Verdict(results.Verdict, results.VerdictName)));
        md.AppendLine();
        var counts = Enum.GetValues<Outcome>()
            .Select(o => (Outcome: o, Count: results.Checks.Count(c => c.Outcome == o)))
            .Where(p => p.Count > 0)
            .Select(p => p.Outcome == Outcome.Passed ? $"{p.Count} {ReportText.Word(p.Outcome)}" : $"**{p.Count} {ReportText.Word(p.Outcome)}**");
        md.Append(DiagnosticText.Count(results.Checks.Count, "check")).Append(": ").Append(results.Checks.Count == 0 ? "none" : string.Join(", ", counts)).Append(". ");
        md.Append("**Promotable:** ").Append(results.Promotable ? "yes" : "no").Append(". Run `").Append(results.RunId.Replace("`", "'", StringComparison.Ordinal)).Append('`');
        if (bundle is not null)
        {
            md.Append(", bundle ").Append(Escape(bundle));
        }

        md.AppendLine(".");
        if (results.StoppedAt is { } stoppedAt)
        {
            md.AppendLine().Append("**Stopped at** ").Append(Escape(stoppedAt)).AppendLine(": what follows it did not run.");
        }

        if (results.PromotionReasons.Count > 0)
        {
            md.AppendLine();
            foreach (var reason in results.PromotionReasons)
            {
                md.Append("- ").AppendLine(Escape(reason));
            }
        }

        var notPassed = results.Checks
            .Select((check, order) => (check, order))
            .Where(p => p.check.Outcome != Outcome.Passed)
            .OrderBy(p => Rank(p.check))
            .ThenBy(p => p.order)
            .Select(p => p.check)
            .ToList();
        if (notPassed.Count > 0)
        {
            md.AppendLine().Append("### Did not pass (").Append(notPassed.Count).AppendLine(")").AppendLine();
            md.AppendLine("| Outcome | Severity | Phase | Check | Where | Message |").AppendLine("|---|---|---|---|---|---|");
            foreach (var check in notPassed)
            {
                var where = check.Findings.FirstOrDefault(f => f.Position is not null)?.Position ?? check.Spec;
                md.Append("| **").Append(ReportText.Word(check.Outcome)).Append("**")
                    .Append(" | ").Append(ReportText.Word(check.Severity))
                    .Append(" | ").Append(ReportText.Word(check.Phase))
                    .Append(" | ").Append(Escape(check.Id))
                    .Append(" | ").Append(Escape(where.ToString()))
                    .Append(" | ").Append(Escape(check.Message)).AppendLine(" |");
            }

            AppendDetails(md, notPassed);
        }

        if (results.Steps.Count > 0)
        {
            md.AppendLine().AppendLine("### Steps").AppendLine();
            md.AppendLine("| Outcome | Step | Result |").AppendLine("|---|---|---|");
            foreach (var step in results.Steps)
            {
                md.Append("| ").Append(step.Succeeded ? "passed" : "**failed**").Append(" | ").Append(Escape(step.Id)).Append(" | ").Append(Escape(ReportText.StepSummary(step))).AppendLine(" |");
            }
        }

        var passed = results.Checks.Where(c => c.Outcome == Outcome.Passed).ToList();
        if (passed.Count > 0)
        {
            // GitHub renders Markdown inside <details> only after a blank line; the summary line is plain text.
            md.AppendLine().Append("<details><summary>").Append(passed.Count == results.Checks.Count ? "All " : "").Append(DiagnosticText.Count(passed.Count, "passed check")).AppendLine("</summary>").AppendLine();
            md.AppendLine("| Outcome | Severity | Phase | Check | Message |").AppendLine("|---|---|---|---|---|");
            foreach (var check in passed)
            {
                md.Append("| ").Append(ReportText.Word(check.Outcome))
                    .Append(" | ").Append(ReportText.Word(check.Severity))
                    .Append(" | ").Append(ReportText.Word(check.Phase))
                    .Append(" | ").Append(Escape(check.Id))
                    .Append(" | ").Append(Escape(check.Message)).AppendLine(" |");
            }

            md.AppendLine().AppendLine("</details>");
        }

        return md.ToString();
    }

    /// <summary>Worst first: failed blockers, required and advisory failures, then missing, infeasible, waived.</summary>
    private static int Rank(ResultsCheck check) => check.Outcome switch
    {
        Outcome.Failed => check.Severity switch { Severity.Blocker => 0, Severity.Required => 1, _ => 2 },
        Outcome.Missing => 3,
        Outcome.Infeasible => 4,
        _ => 5,
    };

    private static void AppendDetails(StringBuilder md, IReadOnlyList<ResultsCheck> notPassed)
    {
        md.AppendLine().AppendLine("### Details");
        foreach (var check in notPassed)
        {
            md.AppendLine().Append("#### ").Append(Escape(check.Id)).Append(": ").Append(ReportText.Word(check.Outcome));
            if (check.Code is { } code && DiagnosticCatalog.Find(code) is { } diagnostic)
            {
                md.Append(" ([").Append(diagnostic.Code).Append("](").Append(diagnostic.HelpLink).Append("))");
            }

            md.AppendLine().AppendLine();
            md.AppendLine(Escape(check.Message)).AppendLine();
            md.Append("Defined at ").AppendLine(Escape(check.Spec.ToString()) + ".");
            if (check.Waiver is { } waiver)
            {
                md.AppendLine().Append("Waived by ").Append(Escape(waiver.By)).Append(" until ").Append(waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(": ").AppendLine(Escape(waiver.Reason));
            }
            else if (check.ExpiredWaiver is { } expired)
            {
                md.AppendLine().Append("A waiver by ").Append(Escape(expired.By)).Append(" expired ").Append(expired.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).AppendLine(" and covers nothing.");
            }

            if (check.Findings.Count > 0)
            {
                md.AppendLine();
                foreach (var finding in check.Findings.Take(ReportText.FindingsShown))
                {
                    md.Append("- ").AppendLine(Escape(ReportText.Finding(check, finding)));
                }

                if (check.Findings.Count > ReportText.FindingsShown)
                {
                    md.Append("- ... and ").Append(check.Findings.Count - ReportText.FindingsShown).Append(" more in ").AppendLine(ResultsJson.FileName);
                }
            }
        }
    }

    /// <summary>
    /// Text safe inside a table cell or a line: <c>|</c> and Markdown punctuation escaped, HTML neutralised, line breaks
    /// as <c>&lt;br&gt;</c>, so evidence text can neither break the table nor inject markup.
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '\r':
                    escaped.Append("<br>");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n':
                    escaped.Append("<br>");
                    break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Cuts <paramref name="markdown"/> to at most <paramref name="maxBytes"/> UTF-8 bytes, marker included: on a line
    /// break where one is near, never inside a UTF-8 sequence, and says how much was cut.
    /// </summary>
    internal static string Cap(string markdown, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(markdown);
        if (bytes.Length <= maxBytes)
        {
            return markdown;
        }

        var marker = Marker(bytes.Length, bytes.Length, maxBytes);
        var budget = maxBytes - Encoding.UTF8.GetByteCount(marker);
        var cut = budget;

        // Back off continuation bytes (10xxxxxx) so the kept prefix ends on a whole character.
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        // Prefer a whole line, unless that would throw away more than a small tail.
        var lastBreak = Array.LastIndexOf(bytes, (byte)'\n', cut - 1);
        if (lastBreak > 0 && cut - lastBreak < 4096)
        {
            cut = lastBreak + 1;
        }

        return Encoding.UTF8.GetString(bytes, 0, cut) + Marker(bytes.Length - cut, bytes.Length, maxBytes);
    }

    private static string Marker(int cutBytes, int totalBytes, int maxBytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"\n\n---\n**Report truncated:** {cutBytes:N0} of {totalBytes:N0} bytes were cut to stay under {maxBytes:N0}. {ResultsJson.FileName} in the bundle holds every check and finding.\n");
}
