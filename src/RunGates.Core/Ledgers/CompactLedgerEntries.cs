using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace RunGates.Core.Ledgers;

/// <summary>
/// The entries of a ledger being written, held as compactly as the sorted output allows: each path's bytes (as
/// <see cref="FileNameEncoding.Encode"/> gives them) in 1 MiB chunks of one arena, each digest as 32 bytes, the size,
/// and a sort index; about 60 bytes and the path a file, where a list of records and strings took about 500. An entry
/// becomes a <see cref="LedgerEntry"/> only when it is read, so enumerating allocates one entry at a time. Sorted by
/// UTF-8 bytes, which is <see cref="Utf8OrdinalComparer"/>'s order for every name that is UTF-8; a name with surrogate
/// escapes keeps its string and is compared by that comparer, so the order is exactly the one of today's list.
/// </summary>
public sealed class CompactLedgerEntries : IReadOnlyList<LedgerEntry>
{
    private const int ChunkBytes = 1 << 20;
    private const int BlockShift = 16;
    private const int BlockSize = 1 << BlockShift;

    private readonly List<byte[]> _chunks = [];
    private readonly List<Slot[]> _blocks = [];
    private readonly Dictionary<int, string> _escaped = [];
    private int _chunkUsed = ChunkBytes;
    private int _count;
    private int[]? _order;

    [InlineArray(32)]
    private struct Digest
    {
        private byte _first;
    }

    /// <summary>Where one entry's path lies in the arena, its digest and its size.</summary>
    private struct Slot
    {
        public int Chunk;
        public int Offset;
        public int Length;
        public int Sequence;
        public long Size;
        public Digest Sha256;
    }

    public int Count => _count;

    public LedgerEntry this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            var at = _order is null ? index : _order[index];
            ref var slot = ref SlotAt(at);
            return new LedgerEntry(PathAt(at), Convert.ToHexStringLower(slot.Sha256), slot.Size);
        }
    }

    /// <summary>Adds one hashed file; not thread-safe (the writer adds under its own lock).</summary>
    internal void Add(string path, string sha256, long size) => Add(path, sha256, size, -1);

    /// <summary>Adds one hashed file with its number in the walk's <see cref="WalkOrder"/> (-1 for none).</summary>
    internal void Add(string path, string sha256, long size, int sequence)
    {
        if (_order is not null)
        {
            throw new InvalidOperationException("entries cannot be added once sorted");
        }

        var bytes = FileNameEncoding.Encode(path);
        if (FileNameEncoding.HasEscapes(path))
        {
            _escaped[_count] = path;
        }

        if (_chunkUsed + bytes.Length > ChunkBytes || _chunks.Count == 0)
        {
            _chunks.Add(new byte[Math.Max(ChunkBytes, bytes.Length)]);
            _chunkUsed = 0;
        }

        bytes.CopyTo(_chunks[^1].AsSpan(_chunkUsed));
        if ((_count & (BlockSize - 1)) == 0)
        {
            _blocks.Add(new Slot[BlockSize]);
        }

        ref var slot = ref SlotAt(_count);
        slot.Chunk = _chunks.Count - 1;
        slot.Offset = _chunkUsed;
        slot.Length = bytes.Length;
        slot.Sequence = sequence;
        slot.Size = size;
        _ = Convert.FromHexString(sha256, slot.Sha256, out _, out _);
        _chunkUsed += bytes.Length;
        _count++;
    }

    /// <summary>Puts the entries in ledger order, once every file is in.</summary>
    internal void Sort()
    {
        var order = new int[_count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, Compare);
        _order = order;
    }

    /// <summary>
    /// Puts the entries in ledger order from the walk's numbering (<paramref name="sequences"/>: every number the walk
    /// gave, in ledger order, see <see cref="WalkOrder.Sequences"/>) in one pass instead of a sort; each adjacent pair
    /// is then checked in order (one comparison an entry, against about seventeen for a sort of 200,000), and if any
    /// entry lacks a number or a pair is out of order, the entries are sorted after all: the order is never taken on
    /// trust.
    /// </summary>
    internal void PutInOrder(int[] sequences)
    {
        var slotOf = new int[sequences.Length];
        Array.Fill(slotOf, -1);
        for (var i = 0; i < _count; i++)
        {
            var sequence = SlotAt(i).Sequence;
            if (sequence < 0 || sequence >= slotOf.Length || slotOf[sequence] >= 0)
            {
                Sort();
                return;
            }

            slotOf[sequence] = i;
        }

        // The walk numbered files the globs left out and files that failed; only the ones added have a slot.
        var order = new int[_count];
        var placed = 0;
        foreach (var sequence in sequences)
        {
            if (slotOf[sequence] >= 0)
            {
                order[placed++] = slotOf[sequence];
            }
        }

        for (var i = 1; i < placed; i++)
        {
            if (Compare(order[i - 1], order[i]) >= 0)
            {
                Sort();
                return;
            }
        }

        if (placed != _count)
        {
            Sort();
            return;
        }

        _order = order;
        OrderedByWalk = true;
    }

    /// <summary>Whether <see cref="PutInOrder"/> took the walk's order (checked) rather than falling back to a sort.</summary>
    internal bool OrderedByWalk { get; private set; }

    public IEnumerator<LedgerEntry> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The ledger's bytes as <c>sha256sum</c> writes them, straight from the arena: the name's own bytes, escaped the
    /// coreutils way when it holds <c>\</c>, LF or CR (see <see cref="LedgerWriter.FormatLine"/>).
    /// </summary>
    internal void WriteTo(Stream output)
    {
        Span<byte> hex = stackalloc byte[64];
        // Flushed, not disposed: the caller owns the stream.
        var buffered = new BufferedStream(output, 1 << 16);
        for (var i = 0; i < _count; i++)
        {
            var at = _order is null ? i : _order[i];
            ref var slot = ref SlotAt(at);
            var name = PathBytes(at);
            _ = Convert.TryToHexStringLower(slot.Sha256, hex, out _);
            var escape = name.IndexOfAny((byte)'\\', (byte)'\n', (byte)'\r') >= 0;
            if (escape)
            {
                buffered.WriteByte((byte)'\\');
            }

            buffered.Write(hex);
            buffered.Write("  "u8);
            if (escape)
            {
                foreach (var b in name)
                {
                    buffered.Write(b switch { (byte)'\\' => "\\\\"u8, (byte)'\n' => "\\n"u8, (byte)'\r' => "\\r"u8, _ => [b] });
                }
            }
            else
            {
                buffered.Write(name);
            }

            buffered.WriteByte((byte)'\n');
        }

        buffered.Flush();
    }

    private ref Slot SlotAt(int index) => ref _blocks[index >> BlockShift][index & (BlockSize - 1)];

    private ReadOnlySpan<byte> PathBytes(int index)
    {
        ref var slot = ref SlotAt(index);
        return _chunks[slot.Chunk].AsSpan(slot.Offset, slot.Length);
    }

    private string PathAt(int index) => _escaped.TryGetValue(index, out var escaped) ? escaped : Encoding.UTF8.GetString(PathBytes(index));

    private int Compare(int a, int b)
    {
        if (_escaped.Count > 0 && (_escaped.ContainsKey(a) || _escaped.ContainsKey(b)))
        {
            return Utf8OrdinalComparer.Instance.Compare(PathAt(a), PathAt(b));
        }

        return PathBytes(a).SequenceCompareTo(PathBytes(b));
    }
}
