using System.Globalization;
using RunGates.Core.Checks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Diagnostics;

/// <summary>
/// Turns a run into the diagnostics every front door reports, so MSBuild, Cake, the CLI and GitHub show the same codes,
/// positions and words. One diagnostic per finding (each evidence position gets its own line), or one per check
/// when it has no findings. Blocker and required checks that did not pass are errors; advisory ones and waived
/// failures are warnings.
/// </summary>
public static class RunDiagnostics
{
    public static IReadOnlyList<ReportedDiagnostic> From(RunResult result)
    {
        var diagnostics = new List<ReportedDiagnostic>();
        foreach (var step in result.Steps.Where(s => !s.Succeeded))
        {
            diagnostics.Add(new ReportedDiagnostic(DiagnosticCatalog.StepFailed, DiagnosticSeverity.Error, step.Position, step.Id, $"[{step.Id}] step {step.Error ?? "failed"} (log: {step.LogFile})"));
        }

        foreach (var check in result.Checks)
        {
            diagnostics.AddRange(From(check));
        }

        return diagnostics;
    }

    public static IEnumerable<ReportedDiagnostic> From(CheckResult check)
    {
        if (check.ExpiredWaiver is { } expired)
        {
            yield return new ReportedDiagnostic(
                DiagnosticCatalog.WaiverExpired,
                DiagnosticSeverity.Warning,
                expired.Position,
                check.Id,
                $"[{check.Id}] the waiver by {expired.By} expired on {expired.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and covers nothing");
        }

        if (check.Diagnostic is not { } diagnostic)
        {
            yield break;
        }

        var severity = check.Outcome == Outcome.Waived || check.Severity == Severity.Advisory ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        var suffix = check.Outcome == Outcome.Waived && check.Waiver is { } waiver
            ? $" (waived by {waiver.By} until {waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {waiver.Reason})"
            : "";
        var specLine = $"rungates.yml line {check.SpecPosition.Line}";
        var located = check.Findings.Where(f => f.Position is not null).ToList();
        if (located.Count == 0)
        {
            yield return new ReportedDiagnostic(diagnostic, severity, check.SpecPosition, check.Id, $"[{check.Id}] {check.Message}{suffix}");
            yield break;
        }

        foreach (var finding in located)
        {
            // A finding in an evidence file also names the check's line, so the reader can find the rule it broke.
            var pointsAtSpec = finding.Position!.File == check.SpecPosition.File;
            yield return new ReportedDiagnostic(diagnostic, severity, finding.Position, check.Id, $"[{check.Id}] {finding.Message}{(pointsAtSpec ? "" : $" ({specLine})")}{suffix}");
        }
    }
}
