using System.Text.Json;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Bundles;

/// <summary>
/// <c>artifact_index.json</c>, the commit barrier: path, size and SHA-256 of every file of the bundle except itself and
/// the promotion packet, sorted by UTF-8 path. A bundle without one was never committed.
/// </summary>
public sealed record ArtifactIndex(int Version, string RunId, DateTimeOffset CommittedAt, IReadOnlyList<LedgerEntry> Files)
{
    public const int CurrentVersion = 1;

    /// <summary>
    /// The promotion packet's path in the bundle when the run writes one (after the index, so the index cannot list it);
    /// null when it writes none. The commit is complete only once this file exists.
    /// </summary>
    public string? Packet { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, BundleJson.TypeInfo<ArtifactIndex>()) + "\n";

    /// <summary>Parses index text; the error says what is wrong with it, for RG4008.</summary>
    public static bool TryParse(string json, out ArtifactIndex? index, out string? error)
    {
        index = null;
        try
        {
            var parsed = JsonSerializer.Deserialize(json, BundleJson.TypeInfo<ArtifactIndex>());
            error = parsed switch
            {
                null => "expected an object, found null",
                { Version: not CurrentVersion } => $"expected version {CurrentVersion}, found {parsed.Version}",
                { RunId: null } => "expected a run_id, found none",
                { Files: null } => "expected a files array, found none",
                { Packet: { } packet } when PacketError(packet) is { } packetError => $"packet '{packet}' {packetError}",
                _ => parsed.Files.Select((f, i) => FileError(f, i)).FirstOrDefault(e => e is not null),
            };
            index = error is null ? parsed : null;
        }
        catch (JsonException e)
        {
            error = e.Message;
        }

        return index is not null;
    }

    private static string? PacketError(string packet) =>
        RootedPath.Refusal(packet.Replace('\\', '/')) ?? ReservedBundleNames.Refusal(packet);

    private static string? FileError(LedgerEntry? entry, int i) => entry switch
    {
        null => $"files[{i}] is null, expected an object",
        { Path: null or "" } => $"files[{i}] has no path",
        { Sha256: var sha } when sha is null || sha.Length != 64 || !sha.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)) =>
            $"files[{i}] ({entry.Path}) has sha256 '{sha}', expected 64 lowercase hex digits",
        { Size: < 0 } => $"files[{i}] ({entry.Path}) has a negative size",
        _ => null,
    };
}
