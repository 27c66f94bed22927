namespace RunGates.Core.Ledgers;

/// <summary>What hashing one file gave: its SHA-256 (lowercase hex) and size, or why it could not be read.</summary>
public sealed record FileDigest(string Path, string? Sha256, long Size, string? Error)
{
    public bool Succeeded => Error is null;
}
