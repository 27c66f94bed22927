using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace RunGates.Core.Ledgers;

/// <summary>
/// One folder of a chain for <see cref="WalkGlobs.MayEnter"/>: it lists its one child folder, or, the last of the
/// chain, nothing, and remembers whether the matcher listed it (the matcher lists exactly the folders it enters).
/// </summary>
internal sealed class GlobProbeFolder(string name, GlobProbeFolder? parent) : DirectoryInfoBase
{
    private GlobProbeFolder? _child;

    public bool Entered { get; private set; }

    public override string Name { get; } = name;

    public override string FullName => parent is null ? "/" + Name : parent.FullName + "/" + Name;

    public override DirectoryInfoBase? ParentDirectory => parent;

    public GlobProbeFolder AddChild(string childName) => _child = new GlobProbeFolder(childName, this);

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        if (_child is null)
        {
            Entered = true;
            return [];
        }

        return [_child];
    }

    public override DirectoryInfoBase? GetDirectory(string path) => path == ".." ? parent : null;

    public override FileInfoBase? GetFile(string path) => null;
}
