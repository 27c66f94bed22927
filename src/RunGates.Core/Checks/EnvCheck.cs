namespace RunGates.Core.Checks;

/// <summary><c>env:</c> each variable is set and not empty. Values are never shown.</summary>
public sealed record EnvCheck : Check
{
    public required IReadOnlyList<string> Variables { get; init; }

    public override string Kind => "env";

    public override string Describe() => $"Checks that {string.Join(", ", Variables)} are set.";

    public override CheckInputs Inputs(CheckContext context) => CheckInputs.Always("an env check reads environment variables");

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        foreach (var name in Variables)
        {
            // Only the state is reported, never the value, not even masked.
            if (!context.Environment.TryGetValue(name, out var value))
            {
                findings.Add(new CheckFinding($"{name} is not set", Position, "set and not empty", "not set"));
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                findings.Add(new CheckFinding($"{name} is set but empty", Position, "set and not empty", "empty"));
            }
        }

        return ValueTask.FromResult(findings.Count == 0
            ? CheckEvaluation.Passed($"{string.Join(", ", Variables)} set")
            : CheckEvaluation.Failed(string.Join("; ", findings.Select(f => f.Message)), findings));
    }
}
