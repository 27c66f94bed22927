namespace RunGates.Core.Ledgers;

/// <summary>
/// A folder of the walk held open by its descriptor (Linux), so each of its files is opened relative to it: the kernel
/// looks up one name instead of the whole path, and a folder swapped for a link after it was listed is never followed.
/// The listing and every batch of its files hold a reference; the last to let go closes the descriptor.
/// </summary>
internal sealed class OpenFolder
{
    private int _references = 1;

    public OpenFolder(int descriptor, string fullPath)
    {
        Descriptor = descriptor;
        FullPath = fullPath;
    }

    public int Descriptor { get; }

    /// <summary>The folder as its files' full paths spell it (below the root as given, links not resolved).</summary>
    public string FullPath { get; }

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _ = LinuxFile.Close(Descriptor);
        }
    }
}
