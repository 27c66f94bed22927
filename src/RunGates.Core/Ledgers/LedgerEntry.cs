using System.Text.Json.Serialization;

namespace RunGates.Core.Ledgers;

/// <summary>One file of a ledger: its path relative to the root (<c>/</c> separators, no <c>./</c>), SHA-256 (lowercase hex) and size.</summary>
public sealed record LedgerEntry(
    [property: JsonPropertyOrder(0), JsonConverter(typeof(FileNameJsonConverter))] string Path,
    [property: JsonPropertyOrder(2)] string Sha256,
    [property: JsonPropertyOrder(1)] long Size);
