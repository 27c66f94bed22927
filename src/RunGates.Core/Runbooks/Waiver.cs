namespace RunGates.Core.Runbooks;

/// <summary>
/// Accepts a required or advisory failure of one check until it expires. It never covers a blocker,
/// and an expired waiver counts for nothing. <see cref="Expires"/> is the last day it is in force (UTC).
/// </summary>
public sealed record Waiver(string Check, string Reason, string By, DateOnly Expires, SourcePosition Position)
{
    public bool IsLiveOn(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) <= Expires;
}
