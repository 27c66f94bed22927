using System.Collections;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Bundles;

/// <summary>
/// An index's entries as the ledger records <see cref="LedgerVerifier"/> checks (line = the entry's 1-based number),
/// each made when it is read: a list of 200,000 records beside the entries they came from held another 50 MB.
/// </summary>
internal sealed class IndexRecords(IReadOnlyList<LedgerEntry> files) : IReadOnlyList<LedgerRecord>
{
    public int Count => files.Count;

    public LedgerRecord this[int index] => Record(files[index], index);

    public IEnumerator<LedgerRecord> GetEnumerator()
    {
        var i = 0;
        foreach (var file in files)
        {
            yield return Record(file, i++);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static LedgerRecord Record(LedgerEntry file, int index) => new(file.Path, file.Sha256, index + 1);
}
