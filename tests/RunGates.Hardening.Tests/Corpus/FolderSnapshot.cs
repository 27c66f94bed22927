namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// Every entry below a folder (kind, size, last write) without following links or opening anything, so a FIFO or a
/// link to /dev/zero in the folder is listed, not read: the proof that a command exiting 2 wrote nothing.
/// </summary>
internal static class FolderSnapshot
{
    public static IReadOnlyList<string> Take(string root)
    {
        var entries = new List<string>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            foreach (var info in pending.Pop().EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root, info.FullName);
                if (info.LinkTarget is { } target)
                {
                    entries.Add($"{relative} -> {target}");
                }
                else if (info is DirectoryInfo directory)
                {
                    entries.Add(relative + "/");
                    pending.Push(directory);
                }
                else if (info is FileInfo file)
                {
                    // stat only: a FIFO's or device's size is read from its inode, never by opening it.
                    entries.Add($"{relative} {file.Length} {file.LastWriteTimeUtc.Ticks}");
                }
            }
        }

        entries.Sort(StringComparer.Ordinal);
        return entries;
    }
}
