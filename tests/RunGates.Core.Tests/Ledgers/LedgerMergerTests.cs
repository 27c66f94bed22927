using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

public sealed class LedgerMergerTests : IDisposable
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Shards_union_into_one_sorted_ledger_and_identical_duplicates_are_fine()
    {
        var one = _tree.Write("shard1.sha256", $"{A}  z.txt\n{A}  shared.txt\n");
        var two = _tree.Write("shard2.sha256", $"{B}  a.txt\n{A}  shared.txt\n");

        var merged = LedgerMerger.Merge([one, two]);

        Assert.True(merged.Succeeded, string.Join('\n', merged.Problems));
        Assert.Equal($"{B}  a.txt\n{A}  shared.txt\n{A}  z.txt\n", merged.ToText());
    }

    [Fact]
    public void Same_path_with_two_digests_is_a_conflict_naming_both_shards()
    {
        var one = _tree.Write("shard1.sha256", $"{A}  x.txt\n");
        var two = _tree.Write("shard2.sha256", $"{B}  y.txt\n{B}  x.txt\n");

        var merged = LedgerMerger.Merge([one, two]);

        var problem = Assert.Single(merged.Problems);
        Assert.Equal("RG4010", problem.Diagnostic.Code);
        Assert.Equal("x.txt", problem.Path);
        Assert.Contains($"{A} in {one} line 1", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"{B} in {two} line 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_shards_merge_with_identical_duplicates_and_a_conflict_names_both_of_its_shards()
    {
        var c = new string('c', 64);
        var one = _tree.Write("linux.sha256", $"{A}  bin/linux\n{c}  README\n");
        var two = _tree.Write("mac.sha256", $"{B}  bin/mac\n{c}  README\n");
        var three = _tree.Write("win.sha256", $"{c}  bin/win.exe\n{c}  README\n");

        var merged = LedgerMerger.Merge([one, two, three]);

        Assert.True(merged.Succeeded, string.Join('\n', merged.Problems));
        Assert.Equal($"{c}  README\n{A}  bin/linux\n{B}  bin/mac\n{c}  bin/win.exe\n", merged.ToText());

        File.AppendAllText(three, $"{B}  bin/linux\n");
        var conflicted = LedgerMerger.Merge([one, two, three]);

        var problem = Assert.Single(conflicted.Problems);
        Assert.Equal("bin/linux: error RG4010: listed with SHA-256 " + A + " in " + one + " line 1 and with " + B + " in " + three + " line 3; expected one digest", problem.ToString());
    }
}
