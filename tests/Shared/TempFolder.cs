namespace RunGates.Tests;

/// <summary>A fresh folder under the system temp folder, removed when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rungates-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Copies every file below <paramref name="source"/> into <paramref name="relative"/>, leaving out bundles (<c>out/</c>).</summary>
    public string CopyFrom(string source, string relative = "")
    {
        var target = this[relative];
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var below = System.IO.Path.GetRelativePath(source, file);
            if (below.StartsWith("out" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var destination = System.IO.Path.Combine(target, below);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Every file below the folder, relative, sorted: a snapshot to prove a command changed nothing.</summary>
    public IReadOnlyList<string> Snapshot() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f) + ":" + new FileInfo(f).Length)
            .Order(StringComparer.Ordinal)
            .ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file; the temp folder is cleaned by the OS eventually.
        }
    }
}
