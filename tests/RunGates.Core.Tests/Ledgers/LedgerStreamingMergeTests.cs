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

    [Fact]
    public void More_shards_than_the_open_file_limit_leaves_room_for_are_refused_with_RG4036_before_any_is_read()
    {
        // 40 shards against a limit of 50: 40 + 16 do not fit. The shards do not even exist, so a read would throw.
        var shards = Enumerable.Range(0, 40).Select(i => (_tree[$"s{i}.sums"], $"s{i}.sums")).ToList();

        var merged = LedgerMerger.Merge(shards, needed => 50);

        var problem = Assert.Single(merged.Problems);
        Assert.Equal("RG4036", problem.Diagnostic.Code);
        Assert.Equal("s34.sums", problem.Path);
        Assert.Contains("is shard 35 of 40", problem.Message, StringComparison.Ordinal);
        Assert.Contains("may open 50 files", problem.Message, StringComparison.Ordinal);
        Assert.Contains("merge at most 34 shards at a time", problem.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => merged.ToText());
    }

    [Fact]
    public void Shards_that_fit_under_the_open_file_limit_merge_and_the_limit_is_asked_for_all_of_them_plus_the_others()
    {
        var shards = Enumerable.Range(0, 34).Select(i => (_tree.Write($"s{i}.sums", $"{Hex(i)}  f{i:D2}\n"), $"s{i}.sums")).ToList();
        long asked = 0;

        var merged = LedgerMerger.Merge(shards, needed => { asked = needed; return 50; });

        Assert.True(merged.Succeeded, string.Join('\n', merged.Problems));
        Assert.Equal(34 + LedgerMerger.OtherOpenFiles, asked);
        Assert.Equal(string.Concat(Enumerable.Range(0, 34).Select(i => $"{Hex(i)}  f{i:D2}\n")), merged.ToText());
    }

    [Fact]
    public void Many_shards_read_in_small_pieces_merge_a_line_longer_than_a_piece_and_write_each_path_once()
    {
        // 300 shards: each is read 13 KiB at a time while merging; shard 7 holds a name longer than that. Every shard
        // lists "common" with one digest, so the first of them (shard 0, line 1) is the one written.
        var longName = "long/" + new string('n', 20000);
        var shards = new List<(string, string)>();
        var expected = new SortedDictionary<string, string>(Comparer<string>.Create(Utf8OrdinalComparer.Instance.Compare)) { ["common"] = Hex(-1) };
        for (var s = 0; s < 300; s++)
        {
            var lines = new List<(string Path, string Hex)> { ("common", Hex(-1)), ($"p/{s:D4}", Hex(s)) };
            if (s == 7)
            {
                lines.Add((longName, Hex(7777)));
                expected[longName] = Hex(7777);
            }

            expected[$"p/{s:D4}"] = Hex(s);
            lines.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.Path, b.Path));
            shards.Add((_tree.Write($"s{s}.sums", string.Concat(lines.Select(l => $"{l.Hex}  {l.Path}\n"))), $"s{s}.sums"));
        }

        var merged = LedgerMerger.Merge(shards);

        Assert.True(merged.Succeeded, string.Join('\n', merged.Problems.Take(3)));
        Assert.Equal(string.Concat(expected.Select(p => $"{p.Value}  {p.Key}\n")), merged.ToText());
    }

    [Fact]
    public void A_path_refused_in_one_shard_is_left_out_of_the_merge_while_its_other_shards_merge_unchecked_again()
    {
        // The refused path fails the merge (RG4004); its shard's other lines and every other shard still meet in order.
        var clean = _tree.Write("clean.sums", $"{Hex(1)}  a\n{Hex(2)}  c\n");
        var refusing = _tree.Write("refusing.sums", $"{Hex(3)}  ../b\n{Hex(4)}  b\n{Hex(5)}  c\n");

        var merged = LedgerMerger.Merge([(clean, "clean.sums"), (refusing, "refusing.sums")]);

        Assert.Equal(["RG4004", "RG4010"], merged.Problems.Select(p => p.Diagnostic.Code));
        Assert.Equal($"listed with SHA-256 {Hex(2)} in clean.sums line 2 and with {Hex(5)} in refusing.sums line 3; expected one digest", merged.Problems[1].Message);
        Assert.Equal([("a", 1), ("b", 2), ("c", 3)], merged.Records.Select(r => (r.Path, r.Line)));
    }

    [Fact]
    public void An_unsorted_shard_among_sorted_ones_gives_each_conflict_once_naming_the_first_listing_and_the_other()
    {
        // The first read merges in file order and cannot trust its conflicts once b.sums turns out unsorted; they are
        // looked for again with b.sums sorted in memory, and only those are reported.
        var a = _tree.Write("a.sums", $"{Hex(1)}  a\n{Hex(2)}  c\n");
        var b = _tree.Write("b.sums", $"{Hex(3)}  c\n{Hex(1)}  a\n");
        var c = _tree.Write("c.sums", $"{Hex(4)}  a\n");

        var merged = LedgerMerger.Merge([(a, "a.sums"), (b, "b.sums"), (c, "c.sums")]);

        Assert.Equal(
            [$"listed with SHA-256 {Hex(2)} in a.sums line 2 and with {Hex(3)} in b.sums line 1; expected one digest",
             $"listed with SHA-256 {Hex(1)} in a.sums line 1 and with {Hex(4)} in c.sums line 1; expected one digest"],
            merged.Problems.Select(p => p.Message));
        Assert.All(merged.Problems, p => Assert.Equal("RG4010", p.Diagnostic.Code));
        Assert.Equal(2, merged.Count);
    }
}
