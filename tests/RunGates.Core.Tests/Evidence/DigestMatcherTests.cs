using System.Security.Cryptography;
using System.Text;
using RunGates.Core.Checks;

namespace RunGates.Core.Tests.Evidence;

public sealed class DigestMatcherTests : IDisposable
{
    private const string Expect = "{ \"commands[*].checksum\": { digest-of: \"@.log\" } }";

    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<CheckEvaluation> Run(string log, string checksum)
    {
        _gates.Files.Write("d.json", $"{{\"commands\": [{{\"log\": \"{log}\", \"checksum\": \"{checksum}\"}}]}}");
        return _gates.Expect("d.json", Expect);
    }

    [Fact]
    public async Task The_value_is_the_sha256_of_the_file_the_reference_names_in_either_case()
    {
        _gates.Files.Write("logs/a.log", "ok\n");

        Assert.Equal(Outcome.Passed, (await Run("logs/a.log", Sha("ok\n"))).Outcome);
        Assert.Equal(Outcome.Passed, (await Run("logs/a.log", Sha("ok\n").ToUpperInvariant())).Outcome);
    }

    [Fact]
    public async Task A_different_digest_fails_naming_the_files_own()
    {
        _gates.Files.Write("logs/a.log", "ok\n");

        var evaluation = await Run("logs/a.log", Sha("other"));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.EndsWith($"expected the SHA-256 of the file named by @.log: logs/a.log has SHA-256 {Sha("ok\n")}", evaluation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_fails_naming_it()
    {
        var evaluation = await Run("logs/gone.log", Sha("x"));

        Assert.EndsWith("logs/gone.log does not exist", evaluation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../rungates.yml")]
    [InlineData("/etc/passwd")]
    [InlineData("link/secret.txt")]
    public async Task A_path_that_leaves_the_evidence_folder_is_RG4004(string log)
    {
        var outside = Path.Combine(_gates.Files.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "s");
        Directory.CreateSymbolicLink(Path.Combine(_gates.Files.Evidence, "link"), outside);

        var evaluation = await Run(log, Sha("s"));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("RG4004", evaluation.Message, StringComparison.Ordinal);
    }
}
