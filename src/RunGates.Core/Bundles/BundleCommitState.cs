using System.Text.Json;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Paths;
using RunGates.Core.Runs;

namespace RunGates.Core.Bundles;

/// <summary>
/// Whether a bundle was committed, by one rule for <c>bundle list</c>, <c>bundle validate</c>, invalidate and LATEST:
/// committed means artifact_index.json parses, run.json says <c>committed</c> (RunGates writes that state before the
/// index, so the index lists it: the index is the barrier, run.json's state is true once the index exists), and the
/// promotion packet the index names exists. Anything less is <c>in_progress</c>, with the reason.
/// </summary>
internal sealed record BundleCommitState(string State, ArtifactIndex? Index, IntegrityProblem? Problem)
{
    public bool Committed => Problem is null;

    public static BundleCommitState Read(string directory)
    {
        var indexPath = Path.Combine(directory, BundleFiles.ArtifactIndex);
        if (!File.Exists(indexPath))
        {
            return Uncommitted(null, DiagnosticCatalog.BundleUncommitted, BundleFiles.ArtifactIndex,
                $"expected {BundleFiles.ArtifactIndex} in {directory}, found none: the bundle was never committed");
        }

        ArtifactIndexReading reading;
        try
        {
            // Read as a regular file only: a FIFO swapped in for the index must not block a list, a commit's LATEST or a validation.
            reading = ArtifactIndex.Read(indexPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Uncommitted(null, DiagnosticCatalog.MalformedArtifactIndex, BundleFiles.ArtifactIndex, $"cannot be read: {e.Message}");
        }

        if (reading.NotRegular is { } notRegular)
        {
            return Uncommitted(null, DiagnosticCatalog.NotARegularFile, BundleFiles.ArtifactIndex, $"expected the bundle's own regular file; it {notRegular}, refused, not read");
        }

        if (reading.Index is not { } index)
        {
            // The index's own line and column where its JSON breaks, so the message points into the file, not at an entry number.
            var (line, column, reason) = SyntaxError(reading.Text!);
            return new(RunManifest.InProgress, null, new IntegrityProblem(DiagnosticCatalog.MalformedArtifactIndex, BundleFiles.ArtifactIndex,
                $"cannot be read: {reason ?? reading.Error}", line, column));
        }

        if (ReadState(directory) is var state && state != RunManifest.Committed)
        {
            // Only RunGates writes "committed", and only just before the index: an index beside any other state was
            // written by someone else (a step writing artifact_index.json, say), never by a commit.
            return Uncommitted(index, DiagnosticCatalog.BundleUncommitted, BundleFiles.RunJson,
                $"says state {state ?? "(unreadable)"}, expected {RunManifest.Committed}: {BundleFiles.ArtifactIndex} is there, but RunGates never committed this bundle");
        }

        if (index.Packet is { } packet && !File.Exists(Path.Combine(directory, packet)))
        {
            return Uncommitted(index, DiagnosticCatalog.BundleCommitIncomplete, packet,
                $"expected the promotion packet {BundleFiles.ArtifactIndex} names, found none: the commit stopped after the index");
        }

        return new BundleCommitState(RunManifest.Committed, index, null);
    }

    private static string? ReadState(string directory)
    {
        try
        {
            return RegularFileText.TryRead(Path.Combine(directory, BundleFiles.RunJson), out _) is { } text ? RunManifestJson.Deserialize(text).State : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where <paramref name="json"/> stops being JSON (1-based line and column) and why, or nulls when it parses (the error is then of shape).</summary>
    private static (int Line, int Column, string? Reason) SyntaxError(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return (0, 0, null);
        }
        catch (JsonException e)
        {
            return (BundleJsonError.Line(e), BundleJsonError.Column(e), $"it is not JSON here ({BundleJsonError.Reason(e)})");
        }
    }

    private static BundleCommitState Uncommitted(ArtifactIndex? index, RunGatesDiagnostic diagnostic, string path, string message) =>
        new(RunManifest.InProgress, index, new IntegrityProblem(diagnostic, path, message));
}
