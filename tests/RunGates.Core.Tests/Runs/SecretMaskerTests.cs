using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Runs;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Every_occurrence_of_every_secret_is_masked()
    {
        var masker = SecretMasker.For(["RPC_URL", "DEPLOYER_KEY"], new Dictionary<string, string> { ["RPC_URL"] = "https://rpc.example/k3y", ["DEPLOYER_KEY"] = "0xdeadbeef" });

        Assert.Equal("url=*** key=*** again ***", masker.Apply("url=https://rpc.example/k3y key=0xdeadbeef again 0xdeadbeef"));
    }

    [Fact]
    public void A_secret_containing_another_is_masked_whole()
    {
        var masker = new SecretMasker(["abc", "abcdef"]);
        Assert.Equal("x *** y", masker.Apply("x abcdef y"));
    }

    [Fact]
    public void Unset_and_tiny_values_mask_nothing()
    {
        var masker = SecretMasker.For(["A", "B"], new Dictionary<string, string> { ["B"] = "1" });
        Assert.True(masker.IsEmpty);
        Assert.Equal("1 2 3", masker.Apply("1 2 3"));
    }
}
