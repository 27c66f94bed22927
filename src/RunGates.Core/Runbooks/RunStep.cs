namespace RunGates.Core.Runbooks;

/// <summary>A command the runbook runs between pre-flight and gates; its output goes to <c>logs/&lt;id&gt;.log</c>.</summary>
public sealed record RunStep(string Id, CommandSpec Command, TimeSpan? Timeout, SourcePosition Position)
{
    /// <summary>The folder the step runs in; default: the folder holding rungates.yml.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment for the step, after <c>${VAR}</c> expansion.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
