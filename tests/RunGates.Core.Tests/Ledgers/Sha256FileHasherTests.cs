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

    [Fact]
    public void Files_at_the_buffer_edges_hash_as_sha256sum_does()
    {
        var sizes = new[] { 0, 1, Sha256FileHasher.BufferSize - 1, Sha256FileHasher.BufferSize, Sha256FileHasher.BufferSize + 1, 2 * Sha256FileHasher.BufferSize };
        var random = new Random(7);
        foreach (var size in sizes)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            File.WriteAllBytes(_tree[$"f{size}"], bytes);
        }

        var digests = Sha256FileHasher.HashAll(sizes.Select(s => _tree[$"f{s}"]).ToArray());

        var expected = ExternalTool.Run(_tree.Path, "sha256sum", [.. sizes.Select(s => $"f{s}")]).Out.Split('\n').Select(l => l.Split(' ')[0]).ToArray();
        Assert.Equal(expected[..sizes.Length], digests.Select(d => d.Sha256));
        Assert.Equal(sizes.Select(s => (long)s), digests.Select(d => d.Size));
    }

    [Fact]
    public void A_folder_gives_a_digest_with_an_error_not_an_exception()
    {
        Directory.CreateDirectory(_tree["folder"]);

        var digests = Sha256FileHasher.HashAll([_tree["folder"]]);

        Assert.False(digests[0].Succeeded);
        Assert.False(string.IsNullOrEmpty(digests[0].Error));
    }
}
