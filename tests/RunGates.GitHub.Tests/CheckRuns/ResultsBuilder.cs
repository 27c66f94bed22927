using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Verdicts;

namespace RunGates.GitHub.Tests.CheckRuns;

/// <summary>Writes results.json documents for reporting tests, the way a run records them.</summary>
internal static class ResultsBuilder
{
    public static ResultsDocument Document(Verdict verdict, params ResultsCheck[] checks) => new()
    {
        RunId = "helios-20261123T100000",
        Runbook = "helios",
        Verdict = verdict,
        VerdictName = verdict.ToKeyword().ToUpperInvariant(),
        StartedAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 23, 10, 0, 5, TimeSpan.Zero),
        Checks = checks,
    };

    public static ResultsCheck Check(string id, Outcome outcome, Severity severity = Severity.Required, Phase phase = Phase.Gates, int specLine = 10, params ResultsFinding[] findings) => new()
    {
        Id = id,
        Kind = "expect",
        Phase = phase,
        Severity = severity,
        Outcome = outcome,
        Message = $"{id} is {outcome.ToString().ToLowerInvariant()}",
        Spec = new ResultsPosition("rungates.yml", specLine, 5),
        Findings = findings,
        Code = outcome == Outcome.Passed ? null : "RG3001",
        Waiver = outcome == Outcome.Waived ? new ResultsWaiver("alice", "moves next sprint", new DateOnly(2030, 1, 1)) : null,
    };

    public static ResultsFinding Finding(string file, int line, int column, string message = "strict.gttResidual is \"WARN\"") =>
        new(message, "\"PASS\"", "\"WARN\"", new ResultsPosition(file, line, column));
}
