using System.Text;

namespace RunGates.Core.Paths;

/// <summary>A whole text file read through <see cref="RegularFile.TryOpenRead"/>: the File.ReadAllText of a check.</summary>
public static class RegularFileText
{
    /// <summary>
    /// The text of <paramref name="path"/> (UTF-8, or as its byte order mark says), or null with
    /// <paramref name="problem"/> saying what it is when it is not a regular file (a FIFO is refused, never waited on).
    /// Missing and unreadable files throw as <see cref="File.ReadAllText(string)"/> does.
    /// </summary>
    public static string? TryRead(string path, out string? problem)
    {
        using var handle = RegularFile.TryOpenRead(path, out problem);
        if (handle is null)
        {
            return null;
        }

        using var reader = new StreamReader(new FileStream(handle, FileAccess.Read), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
