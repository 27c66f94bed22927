using System.Collections.Concurrent;

namespace RunGates.Core.Ledgers;

/// <summary>
/// The one path-safety rule, for every path RunGates reads or writes under a root (evidence, spec-side files, ledgers
/// and their entries, bundles, packets, logs) and every id that becomes a file name: a path is relative, never climbs
/// with <c>..</c> and, links resolved, stays below its root. The runbook parser refuses a bad form at load
/// (<see cref="Refusal"/>, <see cref="IdRefusal"/>); checks refuse a link out of the root before reading a byte
/// (<see cref="Escape"/>), so no message can quote a file outside it.
/// </summary>
internal static class RootedPath
{
    private const int MaxLinkDepth = 40;

    /// <summary>Why <paramref name="relative"/> may not be read under a root, or null when its form is acceptable.</summary>
    public static string? Refusal(string relative)
    {
        if (relative.Length == 0)
        {
            return "the path is empty";
        }

        if (relative.Contains('\0', StringComparison.Ordinal))
        {
            return "the path contains a NUL character";
        }

        if (relative.StartsWith('/') || relative.StartsWith('\\') || Path.IsPathRooted(relative))
        {
            return "the path is absolute; expected a path relative to the root";
        }

        if (relative.Length >= 2 && relative[1] == ':' && char.IsAsciiLetter(relative[0]))
        {
            return "the path starts with a drive letter; expected a path relative to the root";
        }

        // A backslash separates on Windows, so a portable runbook may not climb with it either.
        foreach (var segment in relative.Split(['/', '\\']))
        {
            if (segment == "..")
            {
                return "the path climbs out of the root with '..'";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="id"/> may not name a file (a log, a bundle entry), or null when it may: one segment, no separator, not <c>.</c> or <c>..</c>.</summary>
    public static string? IdRefusal(string id)
    {
        if (id.Length == 0)
        {
            return "the id is empty";
        }

        if (id.AsSpan().IndexOfAny('/', '\\') >= 0)
        {
            return "the id contains a path separator ('/' or '\\')";
        }

        if (id is "." or "..")
        {
            return $"the id is '{id}', which names a folder";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return "the id contains a control character";
            }
        }

        return id.Length >= 2 && id[1] == ':' && char.IsAsciiLetter(id[0]) ? "the id starts with a drive letter" : null;
    }

    /// <summary>
    /// Why <paramref name="fullPath"/> may not be read under <paramref name="root"/>, or null when it may: it lies
    /// outside, or a symbolic link along it (the file itself or a folder) leads out. <paramref name="folders"/>
    /// remembers resolved folders (see <see cref="Real(string, ConcurrentDictionary{string, string}, out bool)"/>), so
    /// a plain file below a known folder costs one lstat. The message names paths only, never contents.
    /// </summary>
    public static string? Escape(string root, string fullPath, ConcurrentDictionary<string, string> folders)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!IsInside(fullRoot, Path.GetFullPath(fullPath)))
        {
            return $"{fullPath} lies outside {fullRoot}; refused, not read";
        }

        try
        {
            var realRoot = RealFolder(fullRoot, folders);
            var real = Real(fullPath, folders, out _);
            return IsInside(realRoot, real) ? null : $"{fullPath} resolves through a symbolic link to {real}, outside {fullRoot}; refused, not read";
        }
        catch (IOException e)
        {
            return $"{fullPath} cannot be resolved: {e.Message}; refused, not read";
        }
    }

    /// <summary>Whether <paramref name="realPath"/> is <paramref name="realRoot"/> or lies below it.</summary>
    public static bool IsInside(string realRoot, string realPath)
    {
        var root = Path.TrimEndingDirectorySeparator(realRoot);
        if (root == Path.GetPathRoot(root))
        {
            return true;
        }

        return realPath.Equals(root, StringComparison.Ordinal)
            || (realPath.StartsWith(root, StringComparison.Ordinal) && realPath.Length > root.Length && realPath[root.Length] == Path.DirectorySeparatorChar);
    }

    /// <summary>
    /// The path with every symbolic link along it resolved, like realpath(3); components that do not exist are kept as
    /// written. Throws <see cref="IOException"/> on a link loop.
    /// </summary>
    public static string Real(string path) => Real(path, 0);

    /// <summary>
    /// As <see cref="Real(string)"/>, for many paths below few folders: each folder is resolved once and remembered in
    /// <paramref name="folders"/> (safe to share between threads), and a plain file at the end costs one lstat.
    /// <paramref name="isFile"/> tells whether the result is an existing file (after links).
    /// </summary>
    public static string Real(string path, ConcurrentDictionary<string, string> folders, out bool isFile)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            var root = Real(full);
            isFile = FileExists(root);
            return root;
        }

        var realParent = RealFolder(parent, folders);
        var next = Path.Join(realParent, Path.GetFileName(full));
        if (IsFileNotLink(next))
        {
            isFile = true;
            return next;
        }

        var real = LinkTarget(next) is { } target ? Real(Path.GetFullPath(target, realParent), 1) : next;
        isFile = FileExists(real);
        return real;
    }

    /// <summary>The real path of a folder (every link resolved), remembered in <paramref name="folders"/>.</summary>
    public static string RealFolder(string folder, ConcurrentDictionary<string, string> folders)
    {
        if (folders.TryGetValue(folder, out var known))
        {
            return known;
        }

        var parent = Path.GetDirectoryName(folder);
        string real;
        if (parent is null)
        {
            real = folder;
        }
        else
        {
            var realParent = RealFolder(parent, folders);
            var next = Path.Join(realParent, Path.GetFileName(folder));
            real = LinkTarget(next) is { } target ? Real(Path.GetFullPath(target, realParent), 1) : next;
        }

        return folders.GetOrAdd(folder, real);
    }

    /// <summary>
    /// The target of the link at <paramref name="path"/>, or null when it is none. A path that is not UTF-8 (surrogate
    /// escapes) is asked of libc by its bytes: .NET would look up its U+FFFD spelling, find nothing, and a link out of
    /// the root would pass for a plain folder (attack-findings #5). On Linux every link is read so: a UTF-8 link whose
    /// target is not UTF-8 came back from .NET as the target's U+FFFD spelling, another file (review of #15).
    /// </summary>
    private static string? LinkTarget(string path) =>
        OperatingSystem.IsLinux() && LinuxFile.FlagsKnown ? LinuxFile.ReadLink(path) : new FileInfo(path).LinkTarget;

    /// <summary>Whether something other than a folder is at <paramref name="path"/>, itself not a link (FileInfo.Exists without the reparse point).</summary>
    private static bool IsFileNotLink(string path)
    {
        if (HasEscapesOnLinux(path))
        {
            var type = LinuxFile.TypeOf(path, followLink: false);
            return type is not (-1 or 0x4000 or 0xA000);
        }

        var info = new FileInfo(path);
        return info.Exists && (info.Attributes & FileAttributes.ReparsePoint) == 0;
    }

    /// <summary>File.Exists (links followed), by the path's bytes when it is not UTF-8.</summary>
    private static bool FileExists(string path) =>
        HasEscapesOnLinux(path) ? LinuxFile.TypeOf(path, followLink: true) is not (-1 or 0x4000) : File.Exists(path);

    private static bool HasEscapesOnLinux(string path) => OperatingSystem.IsLinux() && FileNameEncoding.HasEscapes(path);

    private static string Real(string path, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"too many levels of symbolic links at {path}");
        }

        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (LinkTarget(next) is { } target)
            {
                next = Real(Path.GetFullPath(target, current), depth + 1);
            }

            current = next;
        }

        return current;
    }
}
