using System.Collections.Concurrent;

namespace RunGates.Core.Evidence;

/// <summary>
/// Loads each evidence file once per run, however many checks read it, and remembers every file read. Checks that
/// pass over many documents once (<c>expect:</c>) <see cref="Read"/> them instead, which keeps nothing.
/// </summary>
public sealed class EvidenceDocumentCache
{
    private readonly ConcurrentDictionary<string, Lazy<EvidenceLoadResult>> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _read = new(StringComparer.Ordinal);

    /// <summary>The document at <paramref name="fullPath"/>, or why it could not be read.</summary>
    public EvidenceLoadResult Load(string fullPath) =>
        _documents.GetOrAdd(fullPath, path => new Lazy<EvidenceLoadResult>(() => EvidenceReader.Load(path))).Value;

    /// <summary>
    /// Lends the document at <paramref name="fullPath"/> to <paramref name="use"/> for that call only
    /// (<see cref="EvidenceReader.Read"/>); a document already loaded is lent from here.
    /// </summary>
    public void Read(string fullPath, Action<EvidenceLoadResult> use)
    {
        if (_documents.TryGetValue(fullPath, out var loaded))
        {
            use(loaded.Value);
            return;
        }

        _read.TryAdd(fullPath, 0);
        EvidenceReader.Read(fullPath, use);
    }

    /// <summary>
    /// As <see cref="Read"/>, with the file opened so that a symbolic link in its own name is not followed
    /// (<see cref="EvidenceReader.ReadUnlessLink"/>): false, nothing read, when it is one, and also when the document
    /// was loaded before (perhaps through a link, under another root), so the caller checks the name and reads it
    /// with <see cref="Read"/>.
    /// </summary>
    public bool ReadUnlessLink(string fullPath, Action<EvidenceLoadResult> use)
    {
        if (_documents.ContainsKey(fullPath) || !EvidenceReader.CanReadUnlessLink(fullPath))
        {
            return false;
        }

        _read.TryAdd(fullPath, 0);
        return EvidenceReader.ReadUnlessLink(fullPath, use);
    }

    /// <summary>Forgets a file, for evidence that a step rewrote after a pre-flight check read it.</summary>
    public void Forget(string fullPath) => _documents.TryRemove(fullPath, out _);

    /// <summary>The full paths of every document asked for so far, sorted.</summary>
    public IReadOnlyList<string> LoadedPaths => _documents.Keys.Concat(_read.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public void Clear()
    {
        _documents.Clear();
        _read.Clear();
    }
}
