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

    [Fact]
    public async Task A_file_named_directly_is_hashed_from_evidence_or_beside_the_runbook_with_or_without_the_sha256_prefix()
    {
        _gates.Files.Write("plan.json", "{\"plan\": 1}\n", inEvidence: false);
        _gates.Files.Write("report.txt", "r\n");
        var plan = Sha("{\"plan\": 1}\n");
        _gates.Files.Write("m.json", $"{{\"plan_digest\": \"sha256:{plan}\", \"bare\": \"{plan}\", \"report\": \"{Sha("r\n")}\"}}");

        var passed = await _gates.Expect("m.json", "{ plan_digest: { digest-of: { file: spec:plan.json } }, bare: { digest-of: { file: spec:plan.json } }, report: { digest-of: { file: report.txt } } }");
        var drifted = await _gates.Expect("m.json", "{ report: { digest-of: { file: spec:plan.json } } }");

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal(Outcome.Failed, drifted.Outcome);
        Assert.EndsWith($"expected the SHA-256 of spec:plan.json: plan.json has SHA-256 {plan}", drifted.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "RG1017")]
    [InlineData("bundle:LATEST/x.json", "RG1017")]
    [InlineData("spec:", "RG1017")]
    [InlineData("spec:../outside.json", "RG1040")]
    [InlineData("../outside.json", "RG1040")]
    public void A_file_digest_of_must_name_an_evidence_or_spec_file_inside_its_folder(string file, string code)
    {
        var error = Assert.Single(_gates.Errors($"  - {{ id: g, file: d.json, expect: {{ s: {{ digest-of: {{ file: \"{file}\" }} }} }} }}\n"));

        Assert.Equal(code, error.Diagnostic.Code);
    }
}
