using System.Text;

namespace RunGates.Core.Bundles;

/// <summary>Writes that a reader never sees half done: a flushed temporary file beside the target, then a rename.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string text, bool overwrite = true)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{BundleFiles.TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
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
