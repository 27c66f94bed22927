using System.Text.Json.Serialization;

namespace RunGates.Core.Reports;

/// <summary>One step in results.json; <see cref="Log"/> is relative to the bundle.</summary>
public sealed record ResultsStep(string Id, int? ExitCode, bool TimedOut, long DurationMs, string Log, string? Error)
{
    [JsonIgnore]
    public bool Succeeded => Error is null && !TimedOut && ExitCode == 0;
}
