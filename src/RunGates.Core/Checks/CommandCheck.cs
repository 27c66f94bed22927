using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary><c>command:</c> the command exits with the expected code within its timeout; its output is kept.</summary>
public sealed record CommandCheck : Check
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public required CommandSpec Command { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public int ExitCode { get; init; }

    public override string Kind => "command";

    public override string Describe() => $"Runs {Command} and expects exit code {ExitCode} within {Timeout}.";

    public override CheckInputs Inputs(CheckContext context) => CheckInputs.Always("a command check runs a command");

    public override async ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var result = await context.Processes
            .RunAsync(Command, context.SpecDirectory, context.Environment, Timeout, cancellationToken)
            .ConfigureAwait(false);
        var shown = context.Masker.Apply(Command.ToString());
        var output = context.Masker.Apply(result.Output);
        if (result.StartError is not null)
        {
            return CheckEvaluation.Failed(new CheckFinding(context.Masker.Apply(result.StartError), Position, $"exit code {ExitCode}", "did not start"), output);
        }

        if (result.TimedOut)
        {
            return CheckEvaluation.Failed(new CheckFinding($"{shown} did not finish within {Timeout} and was stopped", Position, $"exit code {ExitCode} within {Timeout}", "timed out"), output);
        }

        if (result.ExitCode != ExitCode)
        {
            // The last line of output is usually the reason; the whole output is kept as the check's log.
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            var tail = last is null ? "" : $": {last}";
            return CheckEvaluation.Failed(new CheckFinding($"{shown} exited with {result.ExitCode}, expected {ExitCode}{tail}", Position, ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)), output);
        }

        return CheckEvaluation.Passed($"{shown} exited with {ExitCode} in {result.Duration.TotalSeconds:0.0}s", output);
    }
}
