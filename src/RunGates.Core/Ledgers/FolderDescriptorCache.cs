using System.Text;

namespace RunGates.Core.Ledgers;

/// <summary>
/// One hashing worker's last folder, held open (Linux): a file given by its full path is opened with openat relative
/// to its folder's descriptor when that folder is the one before, so the kernel looks up one name instead of the whole
/// path. A ledger lists its files folder by folder, so nearly every open hits. Not shared between threads.
/// </summary>
internal sealed class FolderDescriptorCache : IDisposable
{
    private string? _folder;
    private int _descriptor = -1;
    private byte[] _name = new byte[256];

    /// <summary>open(2) of <paramref name="path"/> with <paramref name="flags"/>, relative to its folder when it can be.</summary>
    public int Open(string path, int flags)
    {
        var slash = path.LastIndexOf('/');
        if (slash <= 0 || slash == path.Length - 1 || !LinuxFile.FlagsKnown)
        {
            return LinuxFile.Open(path, flags);
        }

        var folder = path.AsSpan(0, slash);
        if (_folder is null || !folder.SequenceEqual(_folder))
        {
            Close();
            var descriptor = LinuxFile.Open(folder.ToString(), LinuxFile.ReadOnlyCloseOnExec | LinuxFile.DirectoryOnly);
            if (descriptor < 0)
            {
                // The open by full path gives the error the caller reports.
                return LinuxFile.Open(path, flags);
            }

            _descriptor = descriptor;
            _folder = folder.ToString();
        }

        return OpenName(path.AsSpan(slash + 1), flags);
    }

    /// <summary>
    /// openat(2) of <paramref name="name"/> (one path component) in <paramref name="folder"/>, a real path (no link in
    /// it), held open for the next call with the same folder; -1 when the folder or the file cannot be opened. The
    /// folder itself is opened with O_NOFOLLOW, so a folder swapped for a link since it was resolved is not followed:
    /// the caller looks closer instead. Only where <see cref="LinuxFile.FlagsKnown"/>.
    /// </summary>
    public int OpenIn(string folder, ReadOnlySpan<char> name, int flags)
    {
        if (!ReferenceEquals(folder, _folder) && !string.Equals(folder, _folder, StringComparison.Ordinal))
        {
            Close();
            var descriptor = LinuxFile.Open(folder, LinuxFile.ReadOnlyCloseOnExec | LinuxFile.DirectoryOnly | LinuxFile.NoFollow);
            if (descriptor < 0)
            {
                return -1;
            }

            _descriptor = descriptor;
            _folder = folder;
        }

        return OpenName(name, flags);
    }

    /// <summary>openat(2) of one name relative to the folder held open, encoded into the reused name buffer.</summary>
    private int OpenName(ReadOnlySpan<char> leaf, int flags)
    {
        var length = FileNameEncoding.HasEscapes(leaf) ? -1 : Encoding.UTF8.GetByteCount(leaf);
        if (length < 0)
        {
            var bytes = FileNameEncoding.Encode(leaf);
            Reserve(bytes.Length);
            bytes.CopyTo(_name, 0);
            length = bytes.Length;
        }
        else
        {
            Reserve(length);
            Encoding.UTF8.GetBytes(leaf, _name);
        }

        _name[length] = 0;
        return LinuxFile.OpenAt(_descriptor, _name, 0, flags);
    }

    private void Reserve(int length)
    {
        if (length + 1 > _name.Length)
        {
            _name = new byte[Math.Max(length + 1, _name.Length * 2)];
        }
    }

    private void Close()
    {
        if (_descriptor >= 0)
        {
            _ = LinuxFile.Close(_descriptor);
            _descriptor = -1;
        }

        _folder = null;
    }

    public void Dispose() => Close();
}
