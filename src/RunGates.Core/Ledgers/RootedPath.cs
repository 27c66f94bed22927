using System.Collections.Concurrent;

namespace RunGates.Core.Ledgers;

/// <summary>Path checks shared by ledgers and bundles: what a relative path may look like and where links really lead.</summary>
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

        foreach (var segment in relative.Split('/'))
        {
            if (segment == "..")
            {
                return "the path climbs out of the root with '..'";
            }
        }

        return null;
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
            isFile = File.Exists(root);
            return root;
        }

        var realParent = RealFolder(parent, folders);
        var next = Path.Join(realParent, Path.GetFileName(full));
        var info = new FileInfo(next);
        if (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) == 0)
        {
            isFile = true;
            return next;
        }

        var real = info.LinkTarget is { } target ? Real(Path.GetFullPath(target, realParent), 1) : next;
        isFile = File.Exists(real);
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
            real = new FileInfo(next).LinkTarget is { } target ? Real(Path.GetFullPath(target, realParent), 1) : next;
        }

        return folders.GetOrAdd(folder, real);
    }

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
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                next = Real(Path.GetFullPath(target, current), depth + 1);
            }

            current = next;
        }

        return current;
    }
}
