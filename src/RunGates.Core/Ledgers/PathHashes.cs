namespace RunGates.Core.Ledgers;

/// <summary>
/// A compact record of which record listed which path: a 64-bit hash of the path and the record's place in the ledger, 12 bytes an entry
/// (a million entries in 12 MiB, where a set of the paths themselves takes hundreds). Hashes only nominate: records
/// whose paths hash alike are compared exactly by the caller, so a collision costs a re-read, never a wrong answer.
/// </summary>
internal sealed class PathHashes
{
    private ulong[] _hashes = new ulong[1024];
    private int[] _sequences = new int[1024];
    private int _count;

    public void Add(string path, int sequence)
    {
        if (_count == _hashes.Length)
        {
            Array.Resize(ref _hashes, _count * 2);
            Array.Resize(ref _sequences, _count * 2);
        }

        _hashes[_count] = Hash(path);
        _sequences[_count] = sequence;
        _count++;
    }

    /// <summary>The records (by their place in the ledger, from 0) whose path hash is shared with another line: every duplicate path among them, and rarely a collision.</summary>
    public HashSet<int> SequencesSharingAHash()
    {
        Array.Sort(_hashes, _sequences, 0, _count);
        var shared = new HashSet<int>();
        for (var i = 1; i < _count; i++)
        {
            if (_hashes[i] == _hashes[i - 1])
            {
                shared.Add(_sequences[i - 1]);
                shared.Add(_sequences[i]);
            }
        }

        return shared;
    }

    /// <summary>FNV-1a over the UTF-16 code units, 64 bits: fast, allocation-free, and exact comparison follows any match.</summary>
    private static ulong Hash(string path)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in path)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
