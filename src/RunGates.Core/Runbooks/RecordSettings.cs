namespace RunGates.Core.Runbooks;

/// <summary>What <c>run.json</c> records about the machine: named environment variables and tool versions.</summary>
public sealed record RecordSettings(IReadOnlyList<string> Env, IReadOnlyList<string> Tools)
{
    public static RecordSettings None { get; } = new([], []);
}
