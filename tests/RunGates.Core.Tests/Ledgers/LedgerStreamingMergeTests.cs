using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

public sealed class LedgerStreamingMergeTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private static string Hex(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    [Fact]
    public void Many_sorted_and_unsorted_shards_merge_into_the_sorted_union_with_each_path_once()
    {
        // 20 shards of 500 paths, overlapping (each path in two shards, same digest); every fifth shard unsorted.
        var shards = new List<string>();
        var expected = new SortedDictionary<string, string>(Comparer<string>.Create((a, b) => Utf8OrdinalComparer.Instance.Compare(a, b)));
        for (var s = 0; s < 20; s++)
        {
            var lines = new List<string>();
            for (var i = 0; i < 500; i++)
            {
                var n = (s * 250) + i;
                var path = $"d{n % 13}/f{n}";
                expected[path] = Hex(n);
                lines.Add($"{Hex(n)}  {path}");
            }

            lines.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a[66..], b[66..]));
            if (s % 5 == 0)
            {
                lines.Reverse();
            }

            shards.Add(_tree.Write($"shard{s}.sums", string.Join('\n', lines) + "\n"));
        }

        var merged = LedgerMerger.Merge(shards);

        Assert.True(merged.Succeeded, string.Join('\n', merged.Problems));
        Assert.Equal(expected.Count, merged.Count);
        Assert.Equal(string.Concat(expected.Select(p => $"{p.Value}  {p.Key}\n")), merged.ToText());
        using var bytes = new MemoryStream();
        merged.WriteTo(bytes);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(merged.ToText()), bytes.ToArray());
    }

    [Fact]
    public void A_conflict_between_the_first_and_the_last_shard_names_both_shards_and_lines_in_read_order()
    {
        var first = _tree.Write("first.sums", $"{Hex(1)}  a\n{Hex(2)}  m\n");
        var middle = _tree.Write("middle.sums", $"{Hex(9)}  b\nnot a line\n");
        var last = _tree.Write("last.sums", $"{Hex(3)}  a\n{Hex(2)}  m\n{Hex(4)}  ../out\n");

        var merged = LedgerMerger.Merge([(first, "first.sums"), (middle, "middle.sums"), (last, "last.sums")]);

        Assert.Equal(["RG4006", "RG4010", "RG4004"], merged.Problems.Select(p => p.Diagnostic.Code));
        Assert.Equal($"listed with SHA-256 {Hex(1)} in first.sums line 1 and with {Hex(3)} in last.sums line 1; expected one digest", merged.Problems[1].Message);
        Assert.Equal("a", merged.Problems[1].Path);
    }

    [Fact]
    public void A_shard_that_changes_after_it_was_checked_is_not_written_from()
    {
        var shard = _tree.Write("s.sums", $"{Hex(1)}  a\n");
        var merged = LedgerMerger.Merge([shard]);
        File.WriteAllText(shard, $"{Hex(2)}  a\n");

        Assert.Throws<IOException>(() => merged.ToText());
    }
}
