namespace RunGates.Core.Runbooks;

/// <summary>The <c>ledger:</c> section: the tree to hash into SHA256SUMS and where the file goes.</summary>
public sealed record LedgerSettings
{
    /// <summary>The tree to hash as written, relative to <c>run.evidence</c>; null means the evidence folder itself.</summary>
    public string? Root { get; init; }

    public IReadOnlyList<string> Include { get; init; } = ["**/*"];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The ledger's file name inside the bundle. Default: <c>SHA256SUMS</c>.</summary>
    public string File { get; init; } = "SHA256SUMS";

    /// <summary>Another place to write the same ledger, relative to the folder holding rungates.yml; null for none.</summary>
    public string? CopyTo { get; init; }

    public required SourcePosition Position { get; init; }
}
