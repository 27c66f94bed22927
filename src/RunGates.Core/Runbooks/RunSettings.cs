namespace RunGates.Core.Runbooks;

/// <summary>The <c>run:</c> section: where bundles go, how runs are named, where evidence is read, and the steps.</summary>
public sealed record RunSettings
{
    /// <summary>Default run id template: UTC time and the short git SHA.</summary>
    public const string DefaultIdTemplate = "{utc:yyyyMMdd'T'HHmmss'Z'}-{git.short}";

    /// <summary>The bundles folder, absolute (resolved against the folder holding rungates.yml). Default: <c>out/&lt;name&gt;</c>.</summary>
    public required string Bundles { get; init; }

    /// <summary>The run id template; placeholders <c>{utc:FORMAT}</c>, <c>{git.sha}</c>, <c>{git.short}</c>, <c>{seed}</c>, <c>{name}</c>.</summary>
    public string IdTemplate { get; init; } = DefaultIdTemplate;

    /// <summary>The run's seed, after <c>${VAR}</c> expansion; null when none is given.</summary>
    public string? Seed { get; init; }

    /// <summary>
    /// Where gate paths resolve, as written; <c>{run}</c> stands for the bundle folder. Resolved against the folder
    /// holding rungates.yml. Default: <c>{run}</c>.
    /// </summary>
    public string Evidence { get; init; } = "{run}";

    public RecordSettings Record { get; init; } = RecordSettings.None;

    public IReadOnlyList<RunStep> Steps { get; init; } = [];
}
