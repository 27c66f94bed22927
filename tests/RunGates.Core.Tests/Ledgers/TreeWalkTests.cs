using System.Diagnostics;
using System.Text;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

/// <summary>
/// The descriptor walk (getdents64, openat per file in batches) and the byte-for-byte contract for names that are not
/// UTF-8: a name is a string whose non-UTF-8 bytes are surrogate escapes, and every output gives the bytes back.
/// </summary>
public sealed class TreeWalkTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose()
    {
        // .NET's recursive delete cannot name files whose names are not UTF-8.
        Shell(Path.GetTempPath(), $"rm -rf '{_tree.Path}'");
        _tree.Dispose();
    }

    [Fact]
    public void Names_that_are_not_utf8_are_walked_as_surrogate_escapes_and_encode_back_to_their_bytes()
    {
        Shell(_tree.Path, """
            mkdir root && cd root
            printf a > "$(printf 'bad\377.bin')"
            printf b > "$(printf '\303(')"
            mkdir "$(printf 'd\376')" && printf d > "$(printf 'd\376/in\375')"
            printf c > 'ok.txt'
            """);

        var scan = TreeScanner.Scan(_tree["root"], ["**/*"], [], CancellationToken.None);

        Assert.Empty(scan.Problems);
        var names = scan.Files.Select(f => Convert.ToHexString(FileNameEncoding.Encode(f.RelativePath))).ToArray();
        // Sorted by bytes, as LC_ALL=C sort orders them: 62 'b' < 64 'd' < 6F 'o' < C3.
        Assert.Equal(
            [Convert.ToHexString([.. "bad"u8, 0xFF, .. ".bin"u8]), Convert.ToHexString([.. "d"u8, 0xFE, .. "/in"u8, 0xFD]), Convert.ToHexString("ok.txt"u8), Convert.ToHexString([0xC3, .. "("u8])],
            names);
        Assert.Equal("bad\uDCFF.bin", scan.Files[0].RelativePath);
        Assert.Equal("\uDCC3(", scan.Files[3].RelativePath);
    }

    [Fact]
    public void A_ledger_of_many_tiny_files_in_batches_and_folders_equals_sha256sum()
    {
        // More files in one folder than one batch holds, and nested folders: every file once, with its own digest.
        Shell(_tree.Path, """
            mkdir -p root/big root/a/b/c
            i=0; while [ $i -lt 700 ]; do printf "$i" > root/big/f$i; i=$((i+1)); done
            printf x > root/a/b/c/deep; : > root/a/empty
            """);

        var entries = LedgerWriter.Build(_tree["root"], ["**/*"], []);

        var theirs = Encoding.UTF8.GetString(Shell(_tree["root"], "find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum"));
        Assert.Equal(702, entries.Count);
        Assert.Equal(theirs, LedgerWriter.Format(entries));
    }

    [Fact]
    public void The_escaping_encoding_writes_escapes_as_bytes_and_keeps_a_pair_split_across_buffers_whole()
    {
        // A StreamWriter with a 16-char buffer: the emoji's two halves land in two encoder calls.
        var text = new string('x', 15) + "\U0001F600" + "bad\uDCFF" + "\uD800!";
        using var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, EscapedUtf8Encoding.Instance, 16))
        {
            writer.Write(text);
        }

        byte[] expected = [.. Encoding.UTF8.GetBytes(new string('x', 15) + "\U0001F600bad"), 0xFF, 0xEF, 0xBF, 0xBD, (byte)'!'];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes.ToArray()));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(FileNameEncoding.Encode(text)));
        Assert.Equal("bad\uDCFF", FileNameEncoding.Decode([.. "bad"u8, 0xFF]));
    }

    [Fact]
    public void Escaped_names_order_by_their_bytes()
    {
        // 0xC3 0x28 sorts before 0xC3 0xA4 ('ä'), though the escape U+DCC3 is above U+00E4 as UTF-16.
        string[] names = ["\u00e4", "\uDCC3(", "\uDCFF", "z"];

        var sorted = names.Order(Utf8OrdinalComparer.Instance).ToArray();

        Assert.Equal(["z", "\uDCC3(", "\u00e4", "\uDCFF"], sorted);
    }

    private static byte[] Shell(string directory, string script)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false })!;
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sh exited {process.ExitCode}: {script}");
        return stdout.ToArray();
    }
}
