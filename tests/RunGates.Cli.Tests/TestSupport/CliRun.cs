namespace RunGates.Cli.Tests.TestSupport;

/// <summary>What one invocation of the CLI printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
