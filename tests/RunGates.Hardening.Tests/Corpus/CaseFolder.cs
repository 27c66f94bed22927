using System.Text;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>A case's own temp folder and the ways a case lays out hostile files in it.</summary>
internal sealed class CaseFolder(string path)
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public string Path { get; } = path;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content) => WriteBytes(relative, Utf8.GetBytes(content));

    public string WriteBytes(string relative, byte[] content)
    {
        var full = Parent(relative);
        File.WriteAllBytes(full, content);
        return full;
    }

    /// <summary>Writes a large generated file without holding it in memory.</summary>
    public string WriteStreamed(string relative, Action<TextWriter> write)
    {
        var full = Parent(relative);
        using var writer = new StreamWriter(full, false, Utf8, 1 << 20);
        write(writer);
        return full;
    }

    public string Folder(string relative)
    {
        Directory.CreateDirectory(this[relative]);
        return this[relative];
    }

    /// <summary>A named pipe nobody writes to: any reader that opens it without O_NONBLOCK blocks forever.</summary>
    public string Fifo(string relative)
    {
        var full = Parent(relative);
        var (exit, _, error) = ExternalTool.Run(Path, "mkfifo", full);
        if (exit != 0)
        {
            throw new InvalidOperationException($"mkfifo {full} failed: {error}");
        }

        return full;
    }

    public string Symlink(string relative, string target)
    {
        var full = Parent(relative);
        File.CreateSymbolicLink(full, target);
        return full;
    }

    /// <summary>Replaces a file with a FIFO of the same name (a file swapped after it was hashed).</summary>
    public string SwapForFifo(string relative)
    {
        File.Delete(this[relative]);
        return Fifo(relative);
    }

    /// <summary>Copies the one committed bundle every such case starts from (see <see cref="CommittedBundleTemplate"/>).</summary>
    public void CommittedBundle() => CommittedBundleTemplate.CopyTo(Path);

    private string Parent(string relative)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }
}
