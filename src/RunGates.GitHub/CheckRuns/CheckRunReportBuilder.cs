using System.Globalization;
using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Paths;
using RunGates.Core.Reports;

namespace RunGates.GitHub.CheckRuns;

/// <summary>
/// Turns a run's results.json into what GitHub is sent: conclusion, title, summary, details text, ranked annotations
/// at repository paths, and the commit status, every field cut to GitHub's limits.
/// </summary>
public static class CheckRunReportBuilder
{
    public static CheckRunReport Build(ResultsDocument results, GitHubReportOptions options)
    {
        var annotations = Annotations(results, options).ToList();
        var shown = annotations.Take(Math.Max(0, options.MaxAnnotations)).ToList();
        var omitted = annotations.Count - shown.Count;
        var notice = omitted == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"> **{DiagnosticText.Count(omitted, "more annotation", "more annotations")} not shown** ({DiagnosticCatalog.AnnotationsCapped.Code}): max-annotations is {options.MaxAnnotations}. The details and {ResultsJson.FileName} in the bundle list every finding.\n\n");
        var summary = notice + MarkdownReporter.Render(results, options.Bundle, GitHubText.MaxOutputChars - Encoding.UTF8.GetByteCount(notice));

        return new CheckRunReport
        {
            Name = options.CheckName ?? $"rungates/{results.Runbook}",
            ExternalId = results.RunId,
            Conclusion = GitHubConclusion.ForCheckRun(results.Verdict, options),
            Title = Title(results),
            Summary = summary,
            Text = GitHubText.Cut(Details(results), GitHubText.MaxOutputChars, GitHubText.MaxOutputChars, marker: $"\n\n… cut to GitHub's {GitHubText.MaxOutputChars:N0} characters; {ResultsJson.FileName} in the bundle holds every finding.\n"),
            Annotations = shown,
            OmittedAnnotations = omitted,
            StatusState = GitHubConclusion.ForStatus(results.Verdict),
            StatusDescription = GitHubText.Cut(GitHubText.BasicPlaneOnly(Title(results)), GitHubText.MaxStatusDescriptionChars),
            DetailsUrl = options.DetailsUrl,
            StartedAt = results.StartedAt,
            CompletedAt = results.FinishedAt ?? results.StartedAt,
        };
    }

    /// <summary><c>REJECT: 1 failed, 2 missing of 11 checks</c>, or <c>CERTIFIED: all 11 checks passed</c>.</summary>
    public static string Title(ResultsDocument results)
    {
        var counts = Enum.GetValues<Outcome>()
            .Where(o => o != Outcome.Passed)
            .Select(o => (Outcome: o, Count: results.Checks.Count(c => c.Outcome == o)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Count} {p.Outcome.ToString().ToLowerInvariant()}")
            .ToList();
        return counts.Count == 0
            ? $"{results.VerdictName}: {(results.Checks.Count == 1 ? "1 check" : $"all {results.Checks.Count} checks")} passed"
            : $"{results.VerdictName}: {string.Join(", ", counts)} of {DiagnosticText.Count(results.Checks.Count, "check")}";
    }

    /// <summary>Every annotation the run deserves, best first: blocker, required, advisory failures, then waivers.</summary>
    private static IEnumerable<GitHubAnnotation> Annotations(ResultsDocument results, GitHubReportOptions options) =>
        results.Checks
            .Select((check, order) => (check, order))
            .Where(p => p.check.Outcome is Outcome.Failed or Outcome.Waived)
            .OrderBy(p => p.check.Outcome == Outcome.Waived ? 1 : 0)
            .ThenBy(p => p.check.Severity switch { Severity.Blocker => 0, Severity.Required => 1, _ => 2 })
            .ThenBy(p => p.order)
            .SelectMany(p => AnnotationsOf(p.check, results.Locations, options.Workspace));

    private static IEnumerable<GitHubAnnotation> AnnotationsOf(ResultsCheck check, ResultsLocations? locations, string? workspace)
    {
        var level = check.Outcome == Outcome.Waived
            ? GitHubAnnotationLevel.Notice
            : check.Severity == Severity.Advisory ? GitHubAnnotationLevel.Warning : GitHubAnnotationLevel.Failure;
        var title = GitHubText.Cut(
            $"{check.Id}: {check.Severity.ToString().ToLowerInvariant()} {check.Outcome.ToString().ToLowerInvariant()}{(check.Code is { } code ? $" ({code})" : "")}",
            GitHubText.MaxAnnotationTitleChars);
        var waiver = check.Waiver is { } w ? $"Waived by {w.By} until {w.Expires:yyyy-MM-dd}: {w.Reason}\n" : "";
        var definedAt = $"\n(check defined at {check.Spec})";

        var placed = check.Findings.Where(f => f.Position is not null).ToList();
        foreach (var finding in placed)
        {
            yield return Annotation(finding.Position!, evidence: check.Phase == Phase.Gates, level, title, waiver + Describe(finding) + definedAt, locations, workspace);
        }

        // Findings with no position of their own, or none at all, are told at the check's line in rungates.yml.
        var unplaced = check.Findings.Where(f => f.Position is null).ToList();
        if (placed.Count == 0 || unplaced.Count > 0)
        {
            var message = new StringBuilder(waiver).Append(check.Message);
            foreach (var finding in unplaced.Where(f => f.Message != check.Message))
            {
                message.Append("\n- ").Append(Describe(finding));
            }

            yield return Annotation(check.Spec, evidence: false, level, title, message.ToString(), locations, workspace);
        }
    }

    private static string Describe(ResultsFinding finding) =>
        finding.Expected is null && finding.Actual is null
            ? finding.Message
            : $"{finding.Message}\nexpected: {finding.Expected ?? "(nothing)"}\nfound: {finding.Actual ?? "(nothing)"}";

    private static GitHubAnnotation Annotation(ResultsPosition position, bool evidence, GitHubAnnotationLevel level, string title, string message, ResultsLocations? locations, string? workspace) => new(
        RepositoryPath(position.File, evidence ? locations?.Evidence : locations?.Runbook, locations is not null, workspace),
        Math.Max(1, position.Line),
        position.Line > 0 && position.Column > 0 ? position.Column : null,
        level,
        title,
        GitHubText.Cut(message, int.MaxValue, GitHubText.MaxAnnotationMessageBytes));

    /// <summary>
    /// A path as GitHub wants it, relative to the repository: a recorded relative path is joined to its folder in the
    /// work tree; an absolute one is taken against the workspace when it lies below it.
    /// </summary>
    private static string RepositoryPath(string file, string? folder, bool inWorkTree, string? workspace)
    {
        if (Path.IsPathRooted(file))
        {
            return (workspace is null ? null : RelativePath.Below(workspace, file)) ?? file.Replace('\\', '/');
        }

        var path = file.Replace('\\', '/');
        return inWorkTree && ResultsLocations.InWorkTree(folder, path) is { } joined ? joined : path;
    }

    /// <summary>Every check that did not pass, with all its findings: the check run's details tab.</summary>
    private static string Details(ResultsDocument results)
    {
        var text = new StringBuilder();
        foreach (var check in results.Checks.Where(c => c.Outcome != Outcome.Passed))
        {
            text.Append("### ").Append(check.Id).Append(": ").Append(check.Severity.ToString().ToLowerInvariant()).Append(' ').Append(check.Outcome.ToString().ToLowerInvariant());
            if (check.Code is { } code)
            {
                text.Append(" (").Append(code).Append(')');
            }

            text.Append("\n\n").Append(MarkdownText(check.Message)).Append("\n\n");
            foreach (var finding in check.Findings)
            {
                text.Append("- `").Append((finding.Position ?? check.Spec).ToString().Replace("`", "'", StringComparison.Ordinal)).Append("`: ").Append(MarkdownText(finding.Message)).Append('\n');
            }

            text.Append('\n');
        }

        return text.Length == 0 ? $"Every check passed. Run `{results.RunId}`.\n" : text.ToString();
    }

    private static string MarkdownText(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
