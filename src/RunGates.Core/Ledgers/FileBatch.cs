namespace RunGates.Core.Ledgers;

/// <summary>
/// Files of one folder for one hashing worker: each opened relative to the folder's descriptor by its raw name in
/// <see cref="Names"/>, or, for a link the walk resolved inside the root, by its path. The batch holds a reference on
/// its folder, which the worker lets go of when done.
/// </summary>
internal sealed class FileBatch(OpenFolder folder, byte[] names)
{
    /// <summary>
    /// One file: its name's offset in <see cref="Names"/>, or -1 to open it by <see cref="TreeScanner.ScannedFile.FullPath"/>,
    /// and whether the listing gave it as a regular file (d_type DT_REG).
    /// </summary>
    public readonly record struct Member(TreeScanner.ScannedFile File, int NameOffset, bool ListedRegular);

    public OpenFolder Folder { get; } = folder;

    public byte[] Names { get; } = names;

    public List<Member> Files { get; } = [];

    private int _claimed = -1;

    /// <summary>
    /// The index of the next file no worker has taken yet (at or past <see cref="Files"/>'s count when none is left):
    /// every worker may hold the same batch and take its files one by one, so a folder of a few large files is still
    /// hashed on every core.
    /// </summary>
    public int Claim() => Interlocked.Increment(ref _claimed);
}
