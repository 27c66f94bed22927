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
            if (descriptor >= 0 && HashOpened(path, descriptor, buffer, progress, countTotal, cancellationToken) is { } digest)
            {
                return digest;
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

        return Hash(path, new FileSource(handle, -1), buffer, -1, progress, cancellationToken)!;
    }

    /// <summary>
    /// Hashes the file open at <paramref name="descriptor"/> (libc) and closes it: statx on the descriptor first, so
    /// what was checked is what is read (a FIFO, device or folder throws <see cref="NotRegularFileException"/> unread),
    /// then the reads. Null when a read failed (the caller retries through .NET for its error, or looks closer).
    /// </summary>
    private static FileDigest? HashOpened(string path, int descriptor, byte[] buffer, HashProgress? progress, bool countTotal, CancellationToken cancellationToken)
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

            if (Hash(path, new FileSource(null, descriptor), buffer, length, progress, cancellationToken) is { } digest)
            {
                return digest;
            }

            if (countTotal)
            {
                // Tried again by the caller, and counted there.
                progress!.AddTotal(-1, -Math.Max(length, 0));
            }

            return null;
        }
        finally
        {
            _ = LinuxFile.Close(descriptor);
        }
    }

    /// <summary>
    /// The one hashing loop; null when a libc read failed (the caller retries through .NET for its error).
    /// <paramref name="knownSize"/> is the size statx gave for the open descriptor, or -1.
    /// </summary>
    private static FileDigest? Hash(string path, FileSource source, byte[] buffer, long knownSize, HashProgress? progress, CancellationToken cancellationToken)
    {
        var read = source.Read(buffer, 0);
        return read < 0 ? null : Digest(path, source, buffer, read, knownSize, progress, cancellationToken);
    }

    /// <summary>The hashing loop after the first read (<paramref name="read"/> bytes at the start of <paramref name="buffer"/>).</summary>
    private static FileDigest? Digest(string path, FileSource source, byte[] buffer, int read, long knownSize, HashProgress? progress, CancellationToken cancellationToken)
    {
        progress?.AddBytes(read);
        if (read < BufferSize && read == knownSize)
        {
            // One read that gave the whole size statx reported is the whole file: no second read to find its end,
            // and no incremental state. Without the size, or short of it, the loop below reads until read() gives 0,
            // as sha256sum does: FUSE (direct_io), NFS and 9p may return short reads before the end (attack-findings #8).
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
                            digest = HashOrProblem(member.File.FullPath, buffer, null, progress, progress is not null, cancellationToken);
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
            // The type and size are asked of the descriptor (statx) before reading, also for a name the listing gave as
            // a regular file: a character device swapped in since the listing (one that reads as empty, /dev/null)
            // would otherwise be hashed as an empty file, and without the size one read short of the buffer is not
            // known to be the whole file (attack-findings #8). The statx replaces the second read that finding the end
            // would take, so a tiny file still costs four system calls (openat, statx, pread, close).
            if (LinuxFile.DescribeNonRegular(descriptor, out var length) is { } problem)
            {
                return new FileDigest(path, null, 0, problem) { NotRegular = true };
            }

            progress?.AddTotal(1, Math.Max(length, 0));
            var read = LinuxFile.ReadAt(descriptor, buffer, BufferSize, 0);
            if (read < 0)
            {
                return new FileDigest(path, null, 0, $"{member.File.FullPath}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            return Digest(path, new FileSource(null, descriptor), buffer, read, length, progress, cancellationToken)
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
    /// </summary>
    internal static void HashEach<T>(
        IEnumerable<T> items,
        Func<T, string?> pathOf,
        Action<T, FileDigest> done,
        HashProgress? progress,
        bool countTotals,
        CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        var counting = countTotals && progress is not null;
        Parallel.ForEach(
            Partitioner.Create(items, EnumerablePartitionerOptions.NoBuffering),
            options,
            () => (Buffer: ArrayPool<byte>.Shared.Rent(BufferSize), Folders: new FolderDescriptorCache()),
            (item, _, worker) =>
            {
                if (pathOf(item) is { } path)
                {
                    done(item, HashOrProblem(path, worker.Buffer, worker.Folders, progress, counting, cancellationToken));
                    progress?.FileDone();
                }

                return worker;
            },
            worker =>
            {
                worker.Folders.Dispose();
                ArrayPool<byte>.Shared.Return(worker.Buffer);
            });
    }

    /// <summary>A file's digest, or one saying why it could not be read (never throws for the file itself).</summary>
    private static FileDigest HashOrProblem(string path, byte[] buffer, FolderDescriptorCache? folders, HashProgress? progress, bool counting, CancellationToken cancellationToken)
    {
        try
        {
            return Hash(path, buffer, folders, progress, counting, plainOnly: false, cancellationToken)!;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileDigest(path, null, 0, e is NotRegularFileException n ? n.Problem : e.Message) { NotRegular = e is NotRegularFileException };
        }
    }

    /// <summary>The name of an item in its group's folder (one path component), or empty when it has no quick open.</summary>
    internal delegate ReadOnlySpan<char> NameInFolder<T>(T item);

    /// <summary>
    /// Hashes groups of items that lie in one folder each (a ledger's consecutive lines under one folder), in parallel,
    /// one group per hand-over: <paramref name="folderOf"/> (on the worker) gives the group's folder as a real path
    /// inside the root, or null; each item is then opened by its <paramref name="nameOf"/> with openat relative to that
    /// folder's descriptor (O_NOFOLLOW|O_NONBLOCK, the folder held open across groups of the same folder), statx'd on
    /// the descriptor and read. That quick open hashes only a plain file; anything else (a link, a folder, a FIFO, a
    /// missing name, a group with no folder) goes to <paramref name="carefulPathOf"/>, which resolves the item step by
    /// step and gives the path to hash, or null after settling the item itself. Digests go to <paramref name="done"/>
    /// on the worker that made them; with <paramref name="countTotals"/> each file's size is added to
    /// <paramref name="progress"/>'s totals as it is opened.
    /// </summary>
    internal static void HashInFolders<T>(
        IEnumerable<IReadOnlyList<T>> groups,
        Func<IReadOnlyList<T>, string?> folderOf,
        NameInFolder<T> nameOf,
        Func<T, string?> carefulPathOf,
        Action<T, FileDigest> done,
        HashProgress? progress,
        bool countTotals,
        CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        var counting = countTotals && progress is not null;
        var quick = OperatingSystem.IsLinux() && LinuxFile.FlagsKnown;
        var workers = Environment.ProcessorCount;
        Parallel.ForEach(
            Partitioner.Create(SharedGroups(groups, workers), EnumerablePartitionerOptions.NoBuffering),
            options,
            () => (Buffer: ArrayPool<byte>.Shared.Rent(BufferSize), Folders: new FolderDescriptorCache()),
            (shared, _, worker) =>
            {
                var group = shared.Items;
                string? folder = null;
                var folderAsked = false;
                // Items are claimed in chunks of an eighth of the group per worker: sixteen large files in one folder
                // are hashed on every core, and 256 tiny ones cost a few claims, not one contended increment each.
                var chunk = Math.Max(1, group.Count / (4 * workers));
                for (var start = shared.Claim(chunk); start < group.Count; start = shared.Claim(chunk))
                {
                    if (!folderAsked)
                    {
                        folder = quick ? folderOf(group) : null;
                        folderAsked = true;
                    }

                    for (var index = start; index < Math.Min(start + chunk, group.Count); index++)
                    {
                        var item = group[index];
                        cancellationToken.ThrowIfCancellationRequested();
                        var digest = folder is not null ? HashIn(folder, nameOf(item), worker.Buffer, worker.Folders, progress, counting, cancellationToken) : null;
                        if (digest is null)
                        {
                            if (carefulPathOf(item) is not { } path)
                            {
                                continue;
                            }

                            digest = HashOrProblem(path, worker.Buffer, worker.Folders, progress, counting, cancellationToken);
                        }

                        done(item, digest);
                        progress?.FileDone();
                    }
                }

                return worker;
            },
            worker =>
            {
                worker.Folders.Dispose();
                ArrayPool<byte>.Shared.Return(worker.Buffer);
            });
    }

    /// <summary>Each group handed out once per worker, so whichever workers are free share its items (see <see cref="SharedGroup{T}.Claim"/>).</summary>
    private static IEnumerable<SharedGroup<T>> SharedGroups<T>(IEnumerable<IReadOnlyList<T>> groups, int workers)
    {
        foreach (var items in groups)
        {
            var shared = new SharedGroup<T>(items);
            for (var i = 0; i < workers; i++)
            {
                yield return shared;
            }
        }
    }

    /// <summary>One group of <see cref="HashInFolders"/>, its items claimed by the workers that hold it.</summary>
    private sealed class SharedGroup<T>(IReadOnlyList<T> items)
    {
        private int _claimed;

        public IReadOnlyList<T> Items { get; } = items;

        /// <summary>The first index of the next <paramref name="chunk"/> items no worker has taken (at or past the count when none is left).</summary>
        public int Claim(int chunk) => Interlocked.Add(ref _claimed, chunk) - chunk;
    }

    /// <summary>
    /// The quick open of <see cref="HashInFolders"/>: a plain file <paramref name="name"/> in <paramref name="folder"/>,
    /// opened without following a link, or null for anything else (never throws for the file itself).
    /// </summary>
    private static FileDigest? HashIn(string folder, ReadOnlySpan<char> name, byte[] buffer, FolderDescriptorCache folders, HashProgress? progress, bool counting, CancellationToken cancellationToken)
    {
        if (name.IsEmpty)
        {
            return null;
        }

        var descriptor = folders.OpenIn(folder, name, LinuxFile.ReadOnlyCloseOnExec | LinuxFile.NonBlocking | LinuxFile.NoFollow);
        if (descriptor < 0)
        {
            return null;
        }

        try
        {
            // The digest's path is the folder's: callers of this path match digests to their items, not to paths, and
            // joining one per file is an allocation the tiny-file case pays 200,000 times.
            return HashOpened(folder, descriptor, buffer, progress, counting, cancellationToken);
        }
        catch (NotRegularFileException)
        {
            // Looked at again by the careful path, which says what it is.
            return null;
        }
    }
}
