using System.Buffers;
using System.Security.Cryptography;

namespace RunGates.Core.Ledgers;

/// <summary>
/// A SHA256SUMS file read line by line, as <see cref="LedgerReader"/> parses it, without ever holding more than one
/// line (and a 64 KiB buffer): what lets a million-entry ledger verify in bounded memory. The file is opened at once,
/// as <see cref="Paths.RegularFile"/> opens any file (a FIFO or device is an <see cref="IOException"/> naming what it is),
/// so a caller learns that it cannot be read before anything else happens. <see cref="Lines"/> reads it once;
/// <see cref="Reread"/> reads it again for the few lines a first pass could not settle, and fails if the file's bytes
/// changed in between, since a second read that saw other lines could vouch for what the first never checked.
/// </summary>
public sealed class LedgerLineStream : IDisposable
{
    private const int ChunkSize = 1 << 16;

    /// <summary>
    /// The longest line read, 16 MiB: far past any name open(2) takes (PATH_MAX is 4 KiB), so no line that could verify
    /// is refused, while a file that is no ledger (a disk image, a file of zeros) cannot grow the buffer without bound.
    /// </summary>
    internal const int MaxLineBytes = 1 << 24;

    private readonly string _path;
    private readonly string _source;
    private readonly FileStream _first;
    private byte[]? _firstDigest;
    private bool _read;

    private LedgerLineStream(string path, string source, FileStream first)
    {
        _path = path;
        _source = source;
        _first = first;
    }

    /// <summary>Opens <paramref name="ledgerFile"/>; <paramref name="source"/> names it in problems.</summary>
    public static LedgerLineStream Open(string ledgerFile, string source) => new(ledgerFile, source, OpenFile(ledgerFile));

    /// <summary>
    /// As <see cref="Open"/>, but a file that is not a regular file (a FIFO, device, socket, folder) gives null and
    /// the sentence fragment saying what it is, for a caller that reports it as a problem (RG4030) rather than fails.
    /// </summary>
    public static LedgerLineStream? TryOpen(string ledgerFile, string source, out string? notRegular)
    {
        var handle = Paths.RegularFile.TryOpenRead(ledgerFile, out notRegular);
        return handle is null ? null : new LedgerLineStream(ledgerFile, source, new FileStream(handle, FileAccess.Read, 0));
    }

    /// <summary>The file's lines in order, parsed; enumerable once.</summary>
    public IEnumerable<LedgerLine> Lines() => Lines(ChunkSize);

    /// <summary>As <see cref="Lines()"/>, reading <paramref name="chunkSize"/> bytes at a time (see <see cref="Reread(int)"/>).</summary>
    internal IEnumerable<LedgerLine> Lines(int chunkSize)
    {
        if (_read)
        {
            throw new InvalidOperationException("the ledger stream has been read already");
        }

        _read = true;
        return Read(_first, chunkSize, hash => _firstDigest = hash);
    }

    /// <summary>The records again, in order, from a second read of the file; throws once the end shows its bytes changed.</summary>
    internal IEnumerable<LedgerRecord> Reread() => Reread(ChunkSize);

    /// <summary>
    /// As <see cref="Reread()"/>, reading <paramref name="chunkSize"/> bytes at a time: a merge holding a thousand shards
    /// open at once reads each in smaller pieces, so that its buffers do not grow with the number of shards.
    /// </summary>
    internal IEnumerable<LedgerRecord> Reread(int chunkSize)
    {
        var expected = _firstDigest ?? throw new InvalidOperationException("the ledger stream has not been read to its end");
        var stream = OpenFile(_path);
        foreach (var line in Read(stream, chunkSize, hash =>
        {
            if (!hash.AsSpan().SequenceEqual(expected))
            {
                throw new IOException($"the ledger {_path} changed while it was being verified; nothing was certified, verify it again.");
            }
        }))
        {
            if (line.Record is { } record)
            {
                yield return record;
            }
        }
    }

    public void Dispose() => _first.Dispose();

    private static FileStream OpenFile(string ledgerFile)
    {
        var handle = Paths.RegularFile.TryOpenRead(ledgerFile, out var problem)
            ?? throw new IOException($"the ledger {ledgerFile} {problem}; expected a SHA256SUMS file.");
        return new FileStream(handle, FileAccess.Read, 0);
    }

    /// <summary>
    /// Cuts the bytes on LF, decodes each line on its own (LF is never part of a UTF-8 sequence, so this decodes as the
    /// whole text would: non-UTF-8 bytes become surrogate escapes, see <see cref="FileNameEncoding"/>) and hashes every
    /// byte read, handing the SHA-256 to <paramref name="atEnd"/> once the end is reached.
    /// </summary>
    private IEnumerable<LedgerLine> Read(FileStream stream, int chunkSize, Action<byte[]> atEnd)
    {
        using var owned = stream;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            var bsd = new BsdState();
            var start = 0;
            var end = 0;
            var number = 0;
            var ended = false;
            while (true)
            {
                var newline = ended ? -1 : buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !ended)
                {
                    // Keep the partial line at the front, grow only for a line longer than the buffer, and read on.
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }

                    if (end == buffer.Length)
                    {
                        if (end >= MaxLineBytes)
                        {
                            // Refused whole, not skipped as a malformed line: without --strict that would let a line
                            // sha256sum fails (a name too long to open) pass as a warning.
                            throw new IOException($"the ledger {_path} line {number + 1} is longer than {MaxLineBytes >> 20} MiB; expected a SHA256SUMS file, one '<64 hex digits>  <path>' line per file; refused there, nothing after it was read.");
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, end).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = stream.Read(buffer, end, buffer.Length - end);
                    if (read == 0)
                    {
                        ended = true;
                    }
                    else
                    {
                        hash.AppendData(buffer, end, read);
                        end += read;
                    }

                    continue;
                }

                if (newline < 0 && start == end)
                {
                    break;
                }

                var length = newline < 0 ? end - start : newline;
                number++;
                var line = Parse(buffer.AsSpan(start, length), number, bsd);
                start += newline < 0 ? length : length + 1;
                if (line.Record is not null || line.Malformed is not null)
                {
                    yield return line;
                }
            }

            atEnd(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private LedgerLine Parse(ReadOnlySpan<byte> bytes, int number, BsdState bsd)
    {
        var text = FileNameEncoding.Decode(bytes);
        var line = number == 1 && text.StartsWith('\uFEFF') ? text.AsSpan(1) : text.AsSpan();
        return LedgerReader.ParseLine(line, number, ref bsd.Form, _source);
    }

    /// <summary>The BSD-form state of a file being read, on the heap since an iterator cannot pass its own locals by reference.</summary>
    private sealed class BsdState
    {
        public LedgerReader.BsdForm Form;
    }
}
