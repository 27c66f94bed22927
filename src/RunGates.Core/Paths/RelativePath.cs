namespace RunGates.Core.Paths;

/// <summary>
/// Whether a path lies below a folder, and how it reads from there: the one answer every report, check and front door
/// uses. Both paths are made full first (a relative one against the current directory, <c>.</c> and <c>..</c>
/// segments folded, a trailing separator dropped), then compared as the file system names them: ordinally on Linux,
/// ignoring case on Windows and macOS. An answer uses <c>/</c> between segments, keeps no trailing separator, and
/// never climbs with <c>..</c>: a path outside the folder (or on another drive) has no relative form.
/// </summary>
public static class RelativePath
{
    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="folder"/> when it lies strictly below it; null when it is
    /// the folder itself or lies outside (a sibling such as <c>/a/bc</c> is outside <c>/a/b</c>).
    /// </summary>
    public static string? Below(string folder, string path) => AtOrBelow(folder, path) is { Length: > 0 } relative ? relative : null;

    /// <summary>As <see cref="Below"/>, but the folder itself is the empty path rather than null.</summary>
    public static string? AtOrBelow(string folder, string path)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        if (relative == ".")
        {
            return "";
        }

        // Another drive on Windows comes back rooted; "..foo" is a name below the folder, "../foo" is not.
        var climbs = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith(".." + Path.AltDirectorySeparatorChar, StringComparison.Ordinal);
        return climbs || Path.IsPathRooted(relative) ? null : Separated(relative);
    }

    /// <summary>
    /// <paramref name="path"/> as a reader in <paramref name="folder"/> would type it: relative when at or below the
    /// folder (the folder itself is <c>.</c>), else exactly as given.
    /// </summary>
    public static string Shown(string folder, string path) => AtOrBelow(folder, path) switch
    {
        null => path,
        "" => ".",
        var relative => relative,
    };

    /// <summary>Only the platform's separators become <c>/</c>: on Linux a <c>\</c> is part of a file name.</summary>
    private static string Separated(string relative) =>
        Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/').Replace(Path.AltDirectorySeparatorChar, '/');
}
