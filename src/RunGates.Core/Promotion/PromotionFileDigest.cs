namespace RunGates.Core.Promotion;

/// <summary>A file in the bundle and its SHA-256 (lowercase hex), as the promotion packet names it.</summary>
public sealed record PromotionFileDigest(string File, string Sha256);
