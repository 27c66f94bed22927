namespace RunGates.Core.Ledgers;

/// <summary>
/// Ledger order, recorded by the walk as it goes, so that no sort of every path is left for the end. The walk lists
/// each folder's entries sorted by their bytes, a folder's name taken with its '/' (see
/// <see cref="FolderListing.CompareForLedger"/>): then every path below one entry sorts before every path below a later
/// one, so visiting the tree depth first in that order gives the paths in ordinal byte order, which is ledger order.
/// The walk itself pops folders in any order; it numbers each file as it meets it and notes, per folder, its files'
/// numbers and its subfolders in sorted order, and <see cref="Sequences"/> reads the tree back depth first.
/// Not thread-safe: one walk fills it (the hashing workers pull the walk one at a time).
/// </summary>
internal sealed class WalkOrder
{
    /// <summary>Per folder, its entries in ledger order: a file's number (≥ 0), or a subfolder as ~its folder's index.</summary>
    private readonly List<List<int>> _folders = [[]];

    public const int Root = 0;

    /// <summary>How many files were numbered.</summary>
    public int Count { get; private set; }

    /// <summary>Numbers the next file of <paramref name="folder"/> (files must come in the folder's sorted order).</summary>
    public int AddFile(int folder)
    {
        _folders[folder].Add(Count);
        return Count++;
    }

    /// <summary>Notes a subfolder of <paramref name="folder"/> at its sorted place and gives its own index.</summary>
    public int AddFolder(int folder)
    {
        _folders.Add([]);
        var index = _folders.Count - 1;
        _folders[folder].Add(~index);
        return index;
    }

    /// <summary>Every file's number in ledger order.</summary>
    public int[] Sequences()
    {
        var order = new int[Count];
        var written = 0;
        var pending = new Stack<(int Folder, int Next)>();
        pending.Push((Root, 0));
        while (pending.TryPop(out var at))
        {
            var entries = _folders[at.Folder];
            for (var i = at.Next; i < entries.Count; i++)
            {
                if (entries[i] >= 0)
                {
                    order[written++] = entries[i];
                    continue;
                }

                pending.Push((at.Folder, i + 1));
                pending.Push((~entries[i], 0));
                break;
            }
        }

        return order;
    }
}
