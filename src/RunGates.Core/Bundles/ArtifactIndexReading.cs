namespace RunGates.Core.Bundles;

/// <summary>
/// What reading artifact_index.json gave: the index; or <see cref="NotRegular"/>, what stands in its place when that is
/// no regular file (refused, not read); or <see cref="Error"/>, why it is no index (RG4008), with the whole
/// <see cref="Text"/> it was parsed from, so a reader can point at the line and column where its JSON breaks.
/// </summary>
internal sealed record ArtifactIndexReading(ArtifactIndex? Index, string? NotRegular, string? Error, string? Text);
