using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>
/// One tool under <c>tools:</c>: its version must match <see cref="Version"/> or the version read from
/// <see cref="VersionFile"/> (<c>.nvmrc</c>, <c>.node-version</c>, <c>global.json</c>, <c>.tool-versions</c>).
/// </summary>
public sealed record ToolPin(string Tool, SourcePosition Position)
{
    public string? Version { get; init; }

    public string? VersionFile { get; init; }
}
