namespace RunGates.MSBuild.Tests.TestSupport;

/// <summary>What one <c>dotnet</c> invocation returned and printed (stdout and stderr interleaved).</summary>
internal sealed record DotNetResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
