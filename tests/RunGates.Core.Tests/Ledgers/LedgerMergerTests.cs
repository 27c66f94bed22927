using RunGates.Core.Ledgers;
using RunGates.Core.Tests.TestSupport;

namespace RunGates.Core.Tests.Ledgers;

public sealed class LedgerMergerTests : IDisposable
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);
    private readonly TempTree _tree = new();

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
}
