namespace RunGates.Core.Bundles;

/// <summary>Writes that a reader never sees half done: a flushed temporary file, then a rename onto the target.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through a temporary file beside it (for files outside any bundle).</summary>
    public static void Write(string path, string text, bool overwrite = true) =>
        Write(path, text, Path.GetDirectoryName(path)!, overwrite);

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file in <paramref name="temporaryFolder"/>, which must be on the
    /// same file system (a bundle's files use <see cref="BundleFiles.TemporaryFolder"/> beside the bundles, so a crash
    /// never leaves an unfinished file inside a bundle).
    /// </summary>
    public static void Write(string path, string text, string temporaryFolder, bool overwrite)
    {
        Directory.CreateDirectory(temporaryFolder);
        var temporary = Path.Combine(temporaryFolder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{BundleFiles.TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // UTF-8, except that a file name which is not UTF-8 (a ledger line) is written with its own bytes.
                stream.Write(Ledgers.FileNameEncoding.Encode(text));
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
