using System.Text.Json;
using RunGates.Core.Checks;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Reports;

/// <summary><c>results.json</c>: the verdict and every check's outcome, message, findings and source positions.</summary>
public static class ResultsJson
{
    public const string FileName = "results.json";

    public static string Serialize(RunResult result) => Serialize(ToDocument(result));

    public static string Serialize(ResultsDocument document) => JsonSerializer.Serialize(document, ReportJson.TypeInfo<ResultsDocument>()) + "\n";

    /// <summary>The document a run's results.json holds, with positions made relative as the file records them.</summary>
    public static ResultsDocument ToDocument(RunResult result)
    {
        var paths = RunPaths.Of(result);
        return ToDocument(result, paths.Relativize(Phase.Preflight), paths.Relativize) with
        {
            Locations = ResultsLocations.Find(paths.RunbookDirectory, paths.EvidenceDirectory),
        };
    }

    /// <summary>The document with rungates.yml positions shaped by <paramref name="specPath"/> and findings' by phase.</summary>
    internal static ResultsDocument ToDocument(RunResult result, Func<string, string> specPath, Func<Phase, Func<string, string>> findingPath) =>
        new()
        {
            RunId = result.Manifest.RunId,
            Runbook = result.Runbook.Name,
            Verdict = result.Verdict,
            VerdictName = result.VerdictName,
            StoppedAt = result.StoppedAt,
            Promotable = result.Promotable,
            PromotionReasons = result.PromotionReasons,
            Promotion = result.Runbook.Promote is { } promote ? new ResultsPromotion(promote.Requires, result.Runbook.States.NameOf(promote.Requires), promote.Packet) : null,
            Ledger = result.LedgerPath is { } ledger && result.BundleDirectory is { } bundle ? RunPaths.RelativeTo(Path.GetFullPath(ledger), Path.GetFullPath(bundle)) : null,
            StartedAt = result.Manifest.StartedAt,
            FinishedAt = result.Manifest.FinishedAt,
            Steps = result.Steps.Select(s => new ResultsStep(s.Id, s.ExitCode, s.TimedOut, Milliseconds(s.Duration), s.LogFile, s.Error)).ToList(),
            Checks = result.Checks.Select(c => ToCheck(c, specPath, findingPath(c.Phase))).ToList(),
        };

    /// <summary>
    /// Reads a results.json; a file that is not one is an <see cref="InvalidDataException"/> naming the file, and so is
    /// one that is no regular file (read through <see cref="RegularFileText"/>: a FIFO swapped in is refused, never waited on).
    /// </summary>
    public static ResultsDocument Read(string path)
    {
        string? text;
        string? notRegular;
        try
        {
            text = RegularFileText.TryRead(path, out notRegular);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: no {FileName} here; expected one in every committed bundle.", path);
        }

        return text is null
            ? throw new InvalidDataException($"{path}: expected {FileName} as a regular file; it {notRegular}, refused, not read.")
            : Parse(text, path);
    }

    /// <summary>Parses results.json text; <paramref name="source"/> names it in errors.</summary>
    public static ResultsDocument Parse(string json, string source = FileName)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ReportJson.TypeInfo<ResultsDocument>())
                ?? throw new InvalidDataException($"{source}: expected a results object, found null.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"({line + 1},{(e.BytePositionInLine ?? 0) + 1})" : "";
            throw new InvalidDataException($"{source}{where}: not a results.json: {e.Message}", e);
        }
    }

    /// <summary>
    /// One check as results.json records it. <paramref name="specPath"/> shapes the rungates.yml position and
    /// <paramref name="findingPath"/> the findings' positions (relative where they lie below a known folder).
    /// </summary>
    internal static ResultsCheck ToCheck(CheckResult check, Func<string, string> specPath, Func<string, string> findingPath) => new()
    {
        Id = check.Id,
        Kind = check.Kind,
        Phase = check.Phase,
        Severity = check.Severity,
        Outcome = check.Outcome,
        Message = check.Message,
        CountsAs = check.Outcome == Outcome.Infeasible ? ReportText.CountsAs(check.InfeasibleCountsAs) : null,
        Spec = Position(check.SpecPosition, specPath),
        Findings = check.Findings.Select(f => new ResultsFinding(f.Message, f.Expected, f.Actual, f.Position is null ? null : Position(f.Position, findingPath)) { Code = f.Code }).ToList(),
        Waiver = ToWaiver(check.Waiver),
        ExpiredWaiver = ToWaiver(check.ExpiredWaiver),
        Log = check.LogFile,
        DurationMs = Milliseconds(check.Duration),
        Code = ReportText.Diagnostic(check)?.Code,
    };

    /// <summary>
    /// The inverse of <see cref="ToCheck"/> for what the verdict depends on, so a verifier recomputes a committed
    /// results.json's verdict with <see cref="VerdictEvaluator"/> itself. A field the verdict rule reads must be carried here.
    /// </summary>
    internal static CheckResult ToCheckResult(ResultsCheck check) => new()
    {
        Id = check.Id,
        Kind = check.Kind,
        Phase = check.Phase,
        Severity = check.Severity,
        Outcome = check.Outcome,
        InfeasibleCountsAs = ReportText.ParseCountsAs(check.CountsAs),
        Message = check.Message,
        SpecPosition = new SourcePosition(check.Spec.File, check.Spec.Line, check.Spec.Column),
    };

    private static ResultsPosition Position(SourcePosition position, Func<string, string> path) => new(path(position.File), position.Line, position.Column);

    private static ResultsWaiver? ToWaiver(Waiver? waiver) => waiver is null ? null : new ResultsWaiver(waiver.By, waiver.Reason, waiver.Expires);

    private static long Milliseconds(TimeSpan duration) => (long)Math.Round(duration.TotalMilliseconds, MidpointRounding.AwayFromZero);
}
