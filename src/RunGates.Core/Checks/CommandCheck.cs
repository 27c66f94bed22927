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

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
