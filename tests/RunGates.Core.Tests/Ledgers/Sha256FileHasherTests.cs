using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

public sealed class Sha256FileHasherTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Files_larger_than_the_buffer_hash_as_sha256sum_does_and_keep_their_order()
    {
        var big = _tree["big.bin"];
        var bytes = new byte[(3 * Sha256FileHasher.BufferSize) + 7];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(big, bytes);
        var small = _tree.Write("small.txt", "hi\n");

        var digests = Sha256FileHasher.HashAll([big, small, _tree["absent"]]);

        var expected = ExternalTool.Run(_tree.Path, "sha256sum", "big.bin", "small.txt").Out.Split('\n').Select(l => l.Split(' ')[0]).ToArray();
        Assert.Equal(expected[0], digests[0].Sha256);
        Assert.Equal(bytes.Length, digests[0].Size);
        Assert.Equal(expected[1], digests[1].Sha256);
        Assert.False(digests[2].Succeeded);
    }
}
