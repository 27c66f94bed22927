using System.Text;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

public sealed class CompactLedgerEntriesTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private static string Hex(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    [Fact]
    public void Sorted_entries_come_back_in_utf8_order_with_their_digests_and_sizes()
    {
        // U+E000 against U+10000 is where UTF-16 order and UTF-8 order part; escapes (not UTF-8) use the comparer.
        string[] names = ["z", "Z", "é", "\uFFFD", "😀", "\uE000", "a.b", "a-b", "a/b", "bad\uDCFFname", "bad\uDC80name", "back\\slash", "new\nline"];
        var entries = new CompactLedgerEntries();
        for (var i = 0; i < names.Length; i++)
        {
            entries.Add(names[i], Hex(i), i * 10);
        }

        entries.Sort();

        var expected = names.Select((n, i) => new LedgerEntry(n, Hex(i), i * 10)).OrderBy(e => e.Path, Utf8OrdinalComparer.Instance).ToList();
        Assert.Equal(expected, entries.ToList());
    }

    [Fact]
    public void Bytes_written_are_the_formatted_text_with_each_escape_as_the_byte_it_stands_for()
    {
        string[] names = ["plain.txt", "back\\slash", "new\nline", "car\rriage", "caf\u00e9", "raw\uDCFF\uDC80byte"];
        var entries = new CompactLedgerEntries();
        for (var i = 0; i < names.Length; i++)
        {
            entries.Add(names[i], Hex(i), i);
        }

        entries.Sort();
        using var written = new MemoryStream();
        LedgerWriter.Write(written, entries);
        using var viaList = new MemoryStream();
        LedgerWriter.Write(viaList, entries.ToList());

        Assert.Equal(viaList.ToArray(), written.ToArray());
        Assert.Equal(FileNameEncoding.Encode(LedgerWriter.Format(entries)), written.ToArray());
        var raw = Encoding.UTF8.GetBytes($"{Hex(5)}  raw").Concat(new byte[] { 0xFF, 0x80 }).Concat("byte\n"u8.ToArray()).ToArray();
        Assert.True(written.ToArray().AsSpan().IndexOf(raw) >= 0, Encoding.UTF8.GetString(written.ToArray()));
        Assert.True(written.CanWrite, "the caller's stream stays open");
    }

    [Fact]
    public void A_tree_of_several_arena_chunks_writes_the_same_bytes_as_sha256sum()
    {
        // 3,000 names of ~400 bytes: more than one 1 MiB chunk of the arena.
        var root = _tree["root"];
        var names = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var name = $"d{i % 7}/{new string((char)('a' + (i % 26)), 200)}-{i}";
            names.Add(name);
            _tree.Write("root/" + name, $"{i}\n");
        }

        var entries = LedgerWriter.Build(root, ["**/*"], []);
        using var written = new MemoryStream();
        LedgerWriter.Write(written, entries);

        var sorted = names.Order(Utf8OrdinalComparer.Instance).ToArray();
        Assert.Equal(sorted, entries.Select(e => e.Path));
        var list = Path.Combine(_tree["."], "names");
        File.WriteAllText(list, string.Join('\0', sorted));
        var (exit, theirs, error) = ExternalTool.Run(root, "sh", "-c", $"xargs -0 sha256sum -- < '{list}'");
        Assert.True(exit == 0, error);
        Assert.Equal(theirs, Encoding.UTF8.GetString(written.ToArray()));
    }
}
