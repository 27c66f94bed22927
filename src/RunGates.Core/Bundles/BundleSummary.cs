namespace RunGates.Core.Bundles;

/// <summary>One bundle as <c>rungates bundle list</c> shows it.</summary>
public sealed record BundleSummary(
    string RunId,
    string Directory,
    string State,
    DateTimeOffset? CommittedAt,
    string? Verdict,
    bool Invalidated,
    string? InvalidationReason,
    bool IsLatest);
