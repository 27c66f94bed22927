using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RunGates.Core.Ledgers;

/// <summary>
/// The one SHA-256 engine of RunGates: every ledger, artifact index and check that hashes a file goes through here.
/// Files are read with <see cref="RandomAccess"/> into 1 MiB buffers fed to <see cref="IncrementalHash"/> (OpenSSL-backed),
/// which runs about three times faster than <c>SHA256.HashData(Stream)</c>'s 4 KiB reads; memory stays flat at one
/// buffer per worker whatever the file size. A file that fits one buffer takes one read and a one-shot hash: with tens
/// of thousands of small files the cost is per file, not per byte (see docs/benchmarks.md).
/// </summary>
public static class Sha256FileHasher
{
    public const int BufferSize = 1 << 20;

    /// <summary>The SHA-256 (lowercase hex) and size of one file; throws when it cannot be read.</summary>
    public static FileDigest Hash(string path, CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            return Hash(path, buffer, null, null, false, false, cancellationToken)!;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Hashes one file. With <paramref name="plainOnly"/> the last component must not be a link and any failure gives
    /// null rather than an exception, so the caller can look closer; only Linux has this quick way, elsewhere it is null.
    /// </summary>
    private static FileDigest? Hash(string path, byte[] buffer, FolderDescriptorCache? folders, HashProgress? progress, bool countTotal, bool plainOnly, CancellationToken cancellationToken)
    {
        var noFollow = plainOnly ? LinuxFile.NoFollow : 0;
        if (OperatingSystem.IsLinux() && noFollow >= 0)
        {
            // open, pread, close straight from libc: .NET's own open adds an fstat and a flock/unlock pair per file,
            // which doubles the system calls when most files take one read. Any failure falls through to the .NET
            // path below, which fails again (or not) with .NET's own exception and message.
            // O_NONBLOCK, then statx on the descriptor: a FIFO swapped in for a file opens at once and is refused
            // unread, and the size needed for progress comes from the same call (no second stat by path).
            // With a worker's folder cache, relative to the folder of the file before when it is the same one.
            var flags = LinuxFile.ReadOnlyCloseOnExec | LinuxFile.NonBlocking | noFollow;
            var descriptor = folders is not null ? folders.Open(path, flags) : LinuxFile.Open(path, flags);
            if (descriptor >= 0)
            {
                try
                {
                    if (LinuxFile.DescribeNonRegular(descriptor, out var length) is { } problem)
                    {
                        throw new NotRegularFileException(path, problem);
                    }

                    if (countTotal)
                    {
                        progress!.AddTotal(1, Math.Max(length, 0));
                    }

                    if (Hash(path, new FileSource(null, descriptor), buffer, progress, cancellationToken) is { } digest)
                    {
                        return digest;
                    }

                    if (countTotal)
                    {
                        // Tried again below or by the caller, and counted there.
                        progress!.AddTotal(-1, -Math.Max(length, 0));
                    }
                }
                finally
                {
                    _ = LinuxFile.Close(descriptor);
                }
            }
        }

        if (plainOnly)
        {
            return null;
        }

        // No FileOptions.SequentialScan: it costs an fadvise call per file and the kernel's read-ahead already ramps up
        // on sequential reads.
        using var handle = Paths.RegularFile.TryOpenRead(path, out var refusal) ?? throw new NotRegularFileException(path, refusal!);
        if (countTotal)
        {
            progress!.AddTotal(1, RandomAccess.GetLength(handle));
        }

        return Hash(path, new FileSource(handle, -1), buffer, progress, cancellationToken)!;
    }

    /// <summary>The one hashing loop; null when a libc read failed (the caller retries through .NET for its error).</summary>
    private static FileDigest? Hash(string path, FileSource source, byte[] buffer, HashProgress? progress, CancellationToken cancellationToken)
    {
        var read = source.Read(buffer, 0);
        return read < 0 ? null : Digest(path, source, buffer, read, progress, cancellationToken);
    }

    /// <summary>The hashing loop after the first read (<paramref name="read"/> bytes at the start of <paramref name="buffer"/>).</summary>
    private static FileDigest? Digest(string path, FileSource source, byte[] buffer, int read, HashProgress? progress, CancellationToken cancellationToken)
    {
        progress?.AddBytes(read);
        if (read < BufferSize)
        {
            // A read of a regular file returns less than asked only at its end, so a file smaller than the buffer
            // needs no second read to find its end, and no incremental state.
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, read), digest);
            return new FileDigest(path, Convert.ToHexStringLower(digest), read, null);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long offset = 0;
        do
        {
            hash.AppendData(buffer, 0, read);
            offset += read;
            cancellationToken.ThrowIfCancellationRequested();
            read = source.Read(buffer, offset);
            if (read < 0)
            {
                return null;
            }

            progress?.AddBytes(read);
        }
        while (read > 0);

        return new FileDigest(path, Convert.ToHexStringLower(hash.GetHashAndReset()), offset, null);
    }

    /// <summary>A file opened either by .NET or, on Linux, by libc: the hashing loop reads both alike.</summary>
    private readonly record struct FileSource(Microsoft.Win32.SafeHandles.SafeFileHandle? Handle, int Descriptor)
    {
        /// <summary>Fills up to <see cref="BufferSize"/> bytes from <paramref name="offset"/>; -1 when libc failed.</summary>
        public int Read(byte[] buffer, long offset) =>
            Handle is not null
                ? RandomAccess.Read(Handle, buffer.AsSpan(0, BufferSize), offset)
                : LinuxFile.ReadAt(Descriptor, buffer, BufferSize, offset);
    }

    /// <summary>
    /// Hashes every file in parallel (at most one worker per core). A file that cannot be read gives a digest with
    /// <see cref="FileDigest.Error"/> set instead of failing the whole batch, so callers can report every problem.
    /// Results come back in the order of <paramref name="paths"/>.
    /// </summary>
    public static IReadOnlyList<FileDigest> HashAll(IReadOnlyList<string> paths, CancellationToken cancellationToken = default) =>
        HashAll(paths, null, cancellationToken);

    /// <summary>
    /// As <see cref="HashAll(IReadOnlyList{string}, CancellationToken)"/>, counting files and bytes into
    /// <paramref name="progress"/> (its totals come from the sizes on disk before hashing starts).
    /// </summary>
    public static IReadOnlyList<FileDigest> HashAll(IReadOnlyList<string> paths, HashProgress? progress, CancellationToken cancellationToken = default)
    {
        if (progress is not null)
        {
            long total = 0;
            foreach (var path in paths)
            {
                try
                {
                    total += new FileInfo(path).Length;
                }
                catch (IOException)
                {
                    // Counted as zero; the hashing below reports why it cannot be read.
                }
            }

            progress.AddTotal(paths.Count, total);
        }

        var results = new FileDigest[paths.Count];
        HashEach(Enumerable.Range(0, paths.Count), i => paths[i], (i, digest) => results[i] = digest, progress, false, cancellationToken);
        return results;
    }

    /// <summary>
    /// Hashes every file under <paramref name="root"/> that the globs select, handing each digest to
    /// <paramref name="done"/> on the worker that made it (in no particular order), and adding whatever the walk refuses
    /// to <paramref name="refused"/> by the time it returns. On Linux the workers take the walk's batches of files and
    /// open each relative to its folder's descriptor (see <see cref="HashBatches"/>); elsewhere each file is opened by path.
    /// With <paramref name="order"/>, the descriptor walk numbers each file in ledger order (<see cref="TreeScanner.ScannedFile.Sequence"/>).
    /// </summary>
    internal static void HashTree(
        string root,
        IReadOnlyList<string> include,
        IReadOnlyList<string> exclude,
        List<IntegrityProblem> refused,
        Action<TreeScanner.ScannedFile, FileDigest> done,
        HashProgress? progress,
        CancellationToken cancellationToken,
        WalkOrder? order = null)
    {
        if (TreeScanner.Batches(root, include, exclude, refused, order, cancellationToken) is { } batches)
        {
            HashBatches(batches, done, progress, cancellationToken);
        }
        else
        {
            HashEach(TreeScanner.Stream(root, include, exclude, refused, cancellationToken), f => f.FullPath, done, progress, countTotals: true, cancellationToken);
        }
    }

    /// <summary>
    /// The per-file path for trees of tiny files, where the cost is the system calls, not the hashing: a worker takes a
    /// whole batch of one folder's files (one hand-over per batch, not per file) and for each makes four calls, openat
    /// relative to the folder's descriptor (one name to look up, O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC), statx on the
    /// descriptor, pread into the worker's reused buffer, close; a file that fits the buffer is hashed in one shot.
    /// Files' sizes are added to <paramref name="progress"/>'s totals as they are opened.
    /// </summary>
    private static void HashBatches(IEnumerable<FileBatch> batches, Action<TreeScanner.ScannedFile, FileDigest> done, HashProgress? progress, CancellationToken cancellationToken)
    {
        var workers = Environment.ProcessorCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        Parallel.ForEach(
            Partitioner.Create(Shared(batches, workers), EnumerablePartitionerOptions.NoBuffering),
            options,
            () => ArrayPool<byte>.Shared.Rent(BufferSize),
            (batch, _, buffer) =>
            {
                try
                {
                    for (var index = batch.Claim(); index < batch.Files.Count; index = batch.Claim())
                    {
                        var member = batch.Files[index];
                        cancellationToken.ThrowIfCancellationRequested();
                        FileDigest digest;
                        if (member.NameOffset >= 0)
                        {
                            digest = HashAt(batch, member, buffer, progress, cancellationToken);
                        }
                        else
                        {
                            try
                            {
                                digest = Hash(member.File.FullPath, buffer, null, progress, progress is not null, plainOnly: false, cancellationToken)!;
                            }
                            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                            {
                                digest = new FileDigest(member.File.FullPath, null, 0, e is NotRegularFileException n ? n.Problem : e.Message) { NotRegular = e is NotRegularFileException };
                            }
                        }

                        done(member.File, digest);
                        progress?.FileDone();
                    }
                }
                finally
                {
                    batch.Folder.Release();
                }

                return buffer;
            },
            buffer => ArrayPool<byte>.Shared.Return(buffer));
    }

    /// <summary>
    /// Each batch handed out once per worker (each hand-out holding its own reference on the folder), so whichever
    /// workers are free share its files through <see cref="FileBatch.Claim"/>: sixteen large files in one folder are
    /// hashed on both cores, not one.
    /// </summary>
    private static IEnumerable<FileBatch> Shared(IEnumerable<FileBatch> batches, int workers)
    {
        foreach (var batch in batches)
        {
            for (var i = 1; i < workers; i++)
            {
                batch.Folder.AddReference();
            }

            for (var i = 0; i < workers; i++)
            {
                yield return batch;
            }
        }
    }

    /// <summary>One file of a batch, opened by its raw name relative to the batch's folder; never throws for the file itself.</summary>
    private static FileDigest HashAt(FileBatch batch, FileBatch.Member member, byte[] buffer, HashProgress? progress, CancellationToken cancellationToken)
    {
        var path = member.File.RelativePath;
        var descriptor = LinuxFile.OpenAt(batch.Folder.Descriptor, batch.Names, member.NameOffset, LinuxFile.ReadOnlyCloseOnExec | LinuxFile.NonBlocking | LinuxFile.NoFollow);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno switch
            {
                // O_NOFOLLOW on a name that has become a link since it was listed: never followed.
                LinuxFile.TooManyLinks => new FileDigest(path, null, 0, $"{member.File.FullPath} was replaced by a symbolic link after it was listed; not followed"),
                // ENXIO, ENODEV: a socket or device, as Paths/RegularFile words it.
                6 or 19 => new FileDigest(path, null, 0, "is a named pipe, socket or device, not a regular file") { NotRegular = true },
                _ => new FileDigest(path, null, 0, $"{member.File.FullPath}: {Marshal.GetPInvokeErrorMessage(errno)}"),
            };
        }

        try
        {
            // The type is asked of the descriptor (statx) before reading, except for a name the listing gave as a
            // regular file when no progress totals need its size: then the first read tells. A FIFO or socket swapped
            // in since the listing fails pread (ESPIPE), a folder too (EISDIR), and a read that fills the whole buffer
            // is checked before a second one, so nothing but a regular file is read past 1 MiB. What that spares is one
            // system call in four per tiny file (docs/benchmarks.md).
            var checkFirst = !member.ListedRegular || progress is not null;
            if (checkFirst)
            {
                if (LinuxFile.DescribeNonRegular(descriptor, out var length) is { } problem)
                {
                    return new FileDigest(path, null, 0, problem) { NotRegular = true };
                }

                progress?.AddTotal(1, Math.Max(length, 0));
            }

            var read = LinuxFile.ReadAt(descriptor, buffer, BufferSize, 0);
            if (read < 0 || (!checkFirst && read == BufferSize))
            {
                var errno = Marshal.GetLastPInvokeError();
                if (!checkFirst && LinuxFile.DescribeNonRegular(descriptor, out _) is { } problem)
                {
                    return new FileDigest(path, null, 0, problem) { NotRegular = true };
                }

                if (read < 0)
                {
                    return new FileDigest(path, null, 0, $"{member.File.FullPath}: {Marshal.GetPInvokeErrorMessage(errno)}");
                }
            }

            return Digest(path, new FileSource(null, descriptor), buffer, read, progress, cancellationToken)
                ?? new FileDigest(path, null, 0, $"{member.File.FullPath}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        finally
        {
            _ = LinuxFile.Close(descriptor);
        }
    }

    /// <summary>
    /// Hashes the file of every item as <paramref name="items"/> yields it, in parallel (at most one worker per core),
    /// handing each digest to <paramref name="done"/> on the worker that made it; an item whose
    /// <paramref name="pathOf"/> (called on the worker) gives null is skipped. The sequence is pulled one item at a
    /// time, so a lazy walk of a tree runs interleaved with the hashing instead of before it. When
    /// <paramref name="countTotals"/> is set, each file's size is added to <paramref name="progress"/>'s totals as it is
    /// opened, since a streamed batch has no total up front.
    /// With <paramref name="carefulPathOf"/>, <paramref name="pathOf"/> is a guess: the file there is hashed only if it
    /// is a plain file opened without following a link, and otherwise (or when the guess is null)
    /// <paramref name="carefulPathOf"/> decides, null meaning skip.
    /// </summary>
    internal static void HashEach<T>(
        IEnumerable<T> items,
        Func<T, string?> pathOf,
        Action<T, FileDigest> done,
        HashProgress? progress,
        bool countTotals,
        CancellationToken cancellationToken,
        Func<T, string?>? carefulPathOf = null)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        var counting = countTotals && progress is not null;
        Parallel.ForEach(
            Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering),
            options,
            () => (Buffer: ArrayPool<byte>.Shared.Rent(BufferSize), Folders: new FolderDescriptorCache()),
            (item, _, worker) =>
            {
                var (buffer, folders) = worker;
                var path = pathOf(item);
                FileDigest? digest = null;
                if (carefulPathOf is not null)
                {
                    if (path is not null)
                    {
                        try
                        {
                            digest = Hash(path, buffer, folders, progress, counting, plainOnly: true, cancellationToken);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            // Looked at again below (a link, a folder, a FIFO: the careful path says which).
                        }
                    }

                    if (digest is null)
                    {
                        path = carefulPathOf(item);
                    }
                }

                if (path is null)
                {
                    return worker;
                }

                if (digest is null)
                {
                    try
                    {
                        digest = Hash(path, buffer, folders, progress, counting, plainOnly: false, cancellationToken)!;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        digest = new FileDigest(path, null, 0, e is NotRegularFileException n ? n.Problem : e.Message) { NotRegular = e is NotRegularFileException };
                    }
                }

                done(item, digest);
                progress?.FileDone();
                return worker;
            },
            worker =>
            {
                worker.Folders.Dispose();
                ArrayPool<byte>.Shared.Return(worker.Buffer);
            });
    }
}
