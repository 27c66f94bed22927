namespace RunGates.Core.Checks;

/// <summary>What one check kind decided: the outcome, a one-line message, the findings behind it and any output kept.</summary>
public sealed record CheckEvaluation(Outcome Outcome, string Message, IReadOnlyList<CheckFinding> Findings, string? Output = null)
{
    public static CheckEvaluation Passed(string message, string? output = null) => new(Outcome.Passed, message, [], output);

    public static CheckEvaluation Failed(string message, IReadOnlyList<CheckFinding> findings, string? output = null) =>
        new(Outcome.Failed, message, findings, output);

    public static CheckEvaluation Failed(CheckFinding finding, string? output = null) => new(Outcome.Failed, finding.Message, [finding], output);

    public static CheckEvaluation Missing(string message, IReadOnlyList<CheckFinding>? findings = null) =>
        new(Outcome.Missing, message, findings ?? []);

    public static CheckEvaluation Infeasible(string message, IReadOnlyList<CheckFinding>? findings = null) =>
        new(Outcome.Infeasible, message, findings ?? []);
}
