namespace RunGates.GitHub.Tests.Container;

/// <summary>What a tool the container tests start printed and how it ended, with the command line for messages.</summary>
public sealed record ToolResult(string CommandLine, int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"$ {CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:0.00} s\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
