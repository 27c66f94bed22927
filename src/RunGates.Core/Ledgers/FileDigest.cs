namespace RunGates.Core.Ledgers;

/// <summary>What hashing one file gave: its SHA-256 (lowercase hex) and size, or why it could not be read.</summary>
public sealed record FileDigest(string Path, string? Sha256, long Size, string? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>Whether it was refused unread as a FIFO, device, socket or folder rather than failing to read (RG4030).</summary>
    public bool NotRegular { get; init; }
}
