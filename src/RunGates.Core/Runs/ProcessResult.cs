namespace RunGates.Core.Runs;

/// <summary>How a process ended: its exit code (null when it timed out or could not start), its masked output and how long it took.</summary>
public sealed record ProcessResult(int? ExitCode, string Output, TimeSpan Duration, bool TimedOut, string? StartError)
{
    public bool Succeeded(int expectedExitCode = 0) => !TimedOut && StartError is null && ExitCode == expectedExitCode;
}
