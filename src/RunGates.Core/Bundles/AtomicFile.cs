namespace RunGates.Core.Bundles;

/// <summary>Writes that a reader never sees half done: a flushed temporary file, then a rename onto the target.</summary>
internal static class AtomicFile
{
    /// <summary>The temporary file's buffer: a streamed write (the artifact index) reaches the disk in pieces this big.</summary>
    private const int BufferBytes = 1 << 16;

    /// <summary>Writes <paramref name="path"/> through a temporary file beside it (for files outside any bundle).</summary>
    public static void Write(string path, string text, bool overwrite = true) =>
        Write(path, text, Path.GetDirectoryName(path)!, overwrite);

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file in <paramref name="temporaryFolder"/>, which must be on the
    /// same file system (a bundle's files use <see cref="BundleFiles.TemporaryFolder"/> beside the bundles, so a crash
    /// never leaves an unfinished file inside a bundle).
    /// </summary>
    public static void Write(string path, string text, string temporaryFolder, bool overwrite) =>
        // UTF-8, except that a file name which is not UTF-8 (a ledger line) is written with its own bytes.
        Write(path, stream => stream.Write(Ledgers.FileNameEncoding.Encode(text)), temporaryFolder, overwrite);

    /// <summary>
    /// As <see cref="Write(string, string, string, bool)"/>, the bytes written by <paramref name="write"/> to the
    /// temporary file's stream as they come, so a large file (a bundle's index) is never held whole in memory. The
    /// stream is flushed to disk before the rename; if <paramref name="write"/> throws, the temporary file goes and
    /// the target is untouched.
    /// </summary>
    public static void Write(string path, Action<Stream> write, string temporaryFolder, bool overwrite)
    {
        Directory.CreateDirectory(temporaryFolder);
        var temporary = Path.Combine(temporaryFolder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{BundleFiles.TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
