using System.Buffers.Binary;

namespace RunGates.Core.Ledgers;

/// <summary>
/// The entries of one open folder as the kernel lists them (getdents64 into a reused buffer): each raw name copied,
/// NUL-terminated, into one byte array, with its type from the listing (d_type), so a plain file or folder costs no
/// stat call and a name is never passed through .NET's path APIs, which would turn bytes that are not UTF-8 into U+FFFD.
/// </summary>
internal sealed class FolderListing
{
    /// <summary>d_type values (and the S_IFMT bits that <see cref="LinuxFile.TypeAt"/> maps onto them).</summary>
    public const byte Unknown = 0;
    public const byte Folder = 4;
    public const byte File = 8;
    public const byte Link = 10;

    private const int ListingBufferSize = 32 << 10;

    /// <summary>Reused for every folder of one walk (the walk lists one folder at a time).</summary>
    private readonly byte[] _listing = new byte[ListingBufferSize];

    private byte[] _names = new byte[4096];

    private int _namesLength;

    private readonly List<Entry> _entries = [];

    /// <summary>One entry: where its NUL-terminated name starts in <see cref="Names"/>, its length, its d_type.</summary>
    public readonly record struct Entry(int NameOffset, int NameLength, byte Type);

    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>The names of the last listing, NUL-terminated; handed to the batches of its files, so a fresh array per folder.</summary>
    public byte[] Names => _names;

    public ReadOnlySpan<byte> Name(Entry entry) => _names.AsSpan(entry.NameOffset, entry.NameLength);

    /// <summary>
    /// Lists the open folder <paramref name="descriptor"/> (without <c>.</c> and <c>..</c>); the entries and names of
    /// the listing before are dropped. Returns 0, or the errno with which the kernel refused to list it.
    /// </summary>
    public int Read(int descriptor)
    {
        _entries.Clear();
        _names = new byte[Math.Max(_namesLength, 4096)];
        _namesLength = 0;
        while (true)
        {
            var read = LinuxFile.ReadEntries(descriptor, _listing);
            if (read == 0)
            {
                return 0;
            }

            if (read < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == LinuxFile.Interrupted)
                {
                    continue;
                }

                return errno;
            }

            // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[] (NUL-terminated).
            var offset = 0;
            while (offset < read)
            {
                var record = _listing.AsSpan(offset);
                var length = BinaryPrimitives.ReadUInt16LittleEndian(record[16..]);
                var type = record[18];
                var name = record[19..length];
                name = name[..name.IndexOf((byte)0)];
                offset += length;
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.'])
                {
                    continue;
                }

                if (_namesLength + name.Length + 1 > _names.Length)
                {
                    Array.Resize(ref _names, Math.Max(_names.Length * 2, _namesLength + name.Length + 1));
                }

                name.CopyTo(_names.AsSpan(_namesLength));
                _names[_namesLength + name.Length] = 0;
                _entries.Add(new Entry(_namesLength, name.Length, type));
                _namesLength += name.Length + 1;
            }
        }
    }

    /// <summary>
    /// Ledger order of two entries of this listing: by their name's bytes, a folder's name (or a link's that leads to
    /// one) taken with a '/' after it, the order in which every path below the one sorts against every path below the
    /// other (two names of one folder differ, so the first byte where they part decides; where one name is the other's
    /// start, it is that name's '/' or its end against the other's next byte).
    /// </summary>
    public int CompareForLedger(Entry a, bool aIsFolder, Entry b, bool bIsFolder)
    {
        var x = Name(a);
        var y = Name(b);
        var common = x.CommonPrefixLength(y);
        if (common < x.Length && common < y.Length)
        {
            return x[common] - y[common];
        }

        // One name starts the other (or they are equal): the shorter one's next byte is its '/' or nothing.
        var xNext = common < x.Length ? x[common] : aIsFolder ? '/' : -1;
        var yNext = common < y.Length ? y[common] : bIsFolder ? '/' : -1;
        return xNext - yNext;
    }

    /// <summary>The type of <paramref name="entry"/>: from the listing, or from statx (no link followed) when the file system gives none.</summary>
    public byte TypeOf(int descriptor, Entry entry)
    {
        if (entry.Type != Unknown)
        {
            return entry.Type;
        }

        return LinuxFile.TypeAt(descriptor, _names, entry.NameOffset) switch
        {
            0x4000 => Folder,
            0x8000 => File,
            0xA000 => Link,
            -1 => Unknown,
            _ => 1,
        };
    }
}
