using RunGates.Core.Runbooks;

namespace RunGates.Core.Runs;

/// <summary>How one step ended. <see cref="LogFile"/> is relative to the bundle folder.</summary>
public sealed record StepResult(string Id, int? ExitCode, bool TimedOut, TimeSpan Duration, string LogFile, SourcePosition Position, string? Error)
{
    public bool Succeeded => Error is null && !TimedOut && ExitCode == 0;
}
