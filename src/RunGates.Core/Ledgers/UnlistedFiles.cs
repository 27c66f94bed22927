namespace RunGates.Core.Ledgers;

/// <summary>
/// The files under a root that a ledger does not list, found without a set of the listed paths: the walk's files are
/// sorted by UTF-8 bytes, each record looks its path up by binary search and marks it (one bit a file), and whatever
/// is left unmarked is unlisted. Equality is ordinal after the search, since two names that are not UTF-8 can order
/// alike without being equal.
/// </summary>
internal sealed class UnlistedFiles
{
    private readonly IReadOnlyList<TreeScanner.ScannedFile> _files;
    private readonly System.Collections.BitArray _marked;
    private readonly Dictionary<string, bool> _problemListed;
    private readonly IReadOnlyList<IntegrityProblem> _problems;

    public UnlistedFiles(TreeScanner.ScanResult scan)
    {
        _files = scan.Files;
        _marked = new System.Collections.BitArray(scan.Files.Count);
        _problems = scan.Problems;
        _problemListed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var problem in scan.Problems)
        {
            _problemListed[problem.Path] = false;
        }
    }

    /// <summary>Marks <paramref name="path"/> as listed.</summary>
    public void Mark(string path)
    {
        if (_problemListed.ContainsKey(path))
        {
            _problemListed[path] = true;
        }

        int low = 0, high = _files.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = Utf8OrdinalComparer.Instance.Compare(_files[middle].RelativePath, path);
            if (order < 0)
            {
                low = middle + 1;
            }
            else if (order > 0)
            {
                high = middle - 1;
            }
            else
            {
                // Every name that orders alike, each compared exactly.
                for (var i = middle; i >= 0 && Utf8OrdinalComparer.Instance.Compare(_files[i].RelativePath, path) == 0; i--)
                {
                    MarkIfEqual(i, path);
                }

                for (var i = middle + 1; i < _files.Count && Utf8OrdinalComparer.Instance.Compare(_files[i].RelativePath, path) == 0; i++)
                {
                    MarkIfEqual(i, path);
                }

                return;
            }
        }
    }

    /// <summary>The files no record marked, in walk (sorted) order.</summary>
    public IEnumerable<string> NotMarked()
    {
        for (var i = 0; i < _files.Count; i++)
        {
            if (!_marked[i])
            {
                yield return _files[i].RelativePath;
            }
        }
    }

    /// <summary>The walk's own problems (links out of the root, loops) for paths the ledger does not list.</summary>
    public IEnumerable<IntegrityProblem> ScanProblemsNotListed() => _problems.Where(p => !_problemListed[p.Path]);

    private void MarkIfEqual(int index, string path)
    {
        if (string.Equals(_files[index].RelativePath, path, StringComparison.Ordinal))
        {
            _marked[index] = true;
        }
    }
}
