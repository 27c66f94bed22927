namespace RunGates.Core.Ledgers;

/// <summary>
/// How far a batch of hashing has got, updated by the hashing workers and read by whoever draws a progress bar.
/// Counters only: a reader polls it on its own clock, so the hot loop never waits on a display.
/// </summary>
public sealed class HashProgress
{
    private long _totalBytes;
    private long _bytesDone;
    private int _totalFiles;
    private int _filesDone;

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public long BytesDone => Interlocked.Read(ref _bytesDone);

    public int TotalFiles => Volatile.Read(ref _totalFiles);

    public int FilesDone => Volatile.Read(ref _filesDone);

    internal void AddTotal(int files, long bytes)
    {
        Interlocked.Add(ref _totalFiles, files);
        Interlocked.Add(ref _totalBytes, bytes);
    }

    internal void AddBytes(long bytes) => Interlocked.Add(ref _bytesDone, bytes);

    internal void FileDone() => Interlocked.Increment(ref _filesDone);
}
