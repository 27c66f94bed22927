namespace RunGates.Core.Checks;

/// <summary>
/// What a check's outcome depends on, for a front door that skips checks whose inputs did not change (MSBuild's
/// RunGatesPreflight): every file it reads or requires, present or absent, and every glob whose matches it counts; or,
/// when it depends on something no file shows (the environment, a tool, a command, a server), why it must always be
/// evaluated again.
/// </summary>
public sealed record CheckInputs
{
    /// <summary>Full paths, whether or not they exist now: a file that appears or disappears changes the outcome too.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Globs whose set of matches the outcome depends on: a new or removed match makes the record stale.</summary>
    public IReadOnlyList<GlobInput> Globs { get; init; } = [];

    /// <summary>Null when <see cref="Files"/> and <see cref="Globs"/> are everything; otherwise why no record can vouch for the outcome.</summary>
    public string? Unrecorded { get; init; }

    public static CheckInputs Always(string why) => new() { Unrecorded = why };
}
