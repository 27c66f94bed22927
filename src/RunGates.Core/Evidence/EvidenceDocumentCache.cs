using System.Collections.Concurrent;

namespace RunGates.Core.Evidence;

/// <summary>Loads each evidence file once per run, however many checks read it.</summary>
public sealed class EvidenceDocumentCache
{
    private readonly ConcurrentDictionary<string, Lazy<EvidenceLoadResult>> _documents = new(StringComparer.Ordinal);

    /// <summary>The document at <paramref name="fullPath"/>, or why it could not be read.</summary>
    public EvidenceLoadResult Load(string fullPath) =>
        _documents.GetOrAdd(fullPath, path => new Lazy<EvidenceLoadResult>(() => EvidenceReader.Load(path))).Value;

    /// <summary>Forgets a file, for evidence that a step rewrote after a pre-flight check read it.</summary>
    public void Forget(string fullPath) => _documents.TryRemove(fullPath, out _);

    /// <summary>The full paths of every document asked for so far, sorted.</summary>
    public IReadOnlyList<string> LoadedPaths => _documents.Keys.Order(StringComparer.Ordinal).ToList();

    public void Clear() => _documents.Clear();
}
