using System.Collections.Concurrent;
using RunGates.Core.Bundles;

namespace RunGates.Core.Evidence;

/// <summary>
/// Earlier bundles opened for <c>bundle:</c> references, each validated once per run and strictly: it must be
/// committed (artifact_index.json), not invalidated (status.jsonl), and every digest of its index must verify
/// (<see cref="BundleValidator"/>). A file is readable only when the index lists it.
/// </summary>
public sealed class ReferenceBundles
{
    private readonly ConcurrentDictionary<string, Lazy<Opened>> _opened = new(StringComparer.Ordinal);

    /// <summary>
    /// A validated bundle's folder and the files its index lists, or why it may not be read; <see cref="None"/> when
    /// LATEST was asked for and no run was ever committed there (no LATEST file and no committed bundle).
    /// </summary>
    public sealed record Opened(string? Directory, IReadOnlySet<string> Files, string? Refusal)
    {
        public bool None { get; init; }
    }

    /// <summary>Opens bundle <paramref name="id"/> (<c>LATEST</c> or a run id) under <paramref name="bundlesDirectory"/>.</summary>
    public Opened Open(string bundlesDirectory, string id) =>
        _opened.GetOrAdd(bundlesDirectory + "\0" + id, _ => new Lazy<Opened>(() => OpenNow(bundlesDirectory, id))).Value;

    private static Opened OpenNow(string bundlesDirectory, string id)
    {
        var store = new BundleStore(bundlesDirectory);
        string directory;
        try
        {
            directory = id == BundleFiles.Latest
                ? store.LatestDirectory()
                : store.RunDirectory(id) ?? throw new BundleException(Diagnostics.DiagnosticCatalog.BundleNotFound, $"no bundle '{id}' under {store.BundlesDirectory}");
        }
        catch (BundleException e)
        {
            // "None" only when nothing was ever committed: a LATEST that is empty, dangling, or absent beside committed
            // bundles (all invalidated, say) is no first run, and if-none must not turn it into a pass.
            return Refused(e.Message) with { None = id == BundleFiles.Latest && NeverCommitted(bundlesDirectory) };
        }

        var runId = Path.GetFileName(directory);
        BundleStatusEntry? invalidation;
        try
        {
            invalidation = store.FindInvalidation(runId);
        }
        catch (BundleException e)
        {
            // A status log that cannot be read is no "not invalidated": the reference is refused, never read.
            return Refused($"bundle {runId} cannot be used: {e.Position}: {e.Diagnostic.Code}: {e.Message}");
        }

        if (invalidation is not null)
        {
            return Refused($"bundle {runId} was invalidated: {invalidation.Reason}");
        }

        var validation = BundleValidator.Validate(directory);
        if (!validation.Succeeded)
        {
            var problems = validation.Problems.Take(3).Select(p => $"{p.Path}: {p.Message} ({p.Diagnostic.Code})");
            return Refused($"bundle {runId} does not validate: {string.Join("; ", problems)}");
        }

        return new Opened(directory, validation.Index!.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal), null);
    }

    // No LATEST file, no status.jsonl, and no bundle folder holding an artifact index (valid or not: a damaged index
    // is an earlier run, not a first one). A folder that cannot be listed is not known to be empty: not "none".
    private static bool NeverCommitted(string bundlesDirectory)
    {
        try
        {
            return !File.Exists(Path.Combine(bundlesDirectory, BundleFiles.Latest))
                && !File.Exists(Path.Combine(bundlesDirectory, BundleFiles.Status))
                && (!Directory.Exists(bundlesDirectory)
                    || !Directory.EnumerateDirectories(bundlesDirectory).Any(d => File.Exists(Path.Combine(d, BundleFiles.ArtifactIndex))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Opened Refused(string why) => new(null, new HashSet<string>(), why);
}
