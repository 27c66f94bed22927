using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using RunGates.Core.Runbooks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

public sealed class SameCheckTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public SameCheckTests()
    {
        _fixture.Bundle = Path.Combine(_fixture.Root, "out", "run1");
        Directory.CreateDirectory(_fixture.Bundle);
        File.WriteAllText(Path.Combine(_fixture.Bundle, "run.json"), "{\"run_id\": \"run1\", \"seed\": \"42\"}");
    }

    public void Dispose() => _fixture.Dispose();

    private static SameCheck Check() => new()
    {
        Id = "seed-aligned",
        Phase = Phase.Gates,
        Position = At,
        Sources =
        [
            new SameSource("diagnostics.json", DocumentPath.Parse("seed"), At),
            new SameSource("proofs.yaml", DocumentPath.Parse("meta.seed"), At),
            new SameSource(SameSource.RunDocument, DocumentPath.Parse("seed"), At),
        ],
    };

    [Theory]
    [InlineData("9007199254740993", "9007199254740992", false)]
    [InlineData("1.0", "1", true)]
    [InlineData("1e2", "100", true)]
    [InlineData("0.1", "0.10000000000000001", false)]
    public async Task Numbers_are_the_same_only_when_exactly_equal(string json, string yaml, bool same)
    {
        _fixture.Write("diagnostics.json", $"{{\"seed\": {json}}}");
        _fixture.Write("proofs.yaml", $"meta:\n  seed: {yaml}\n");
        var check = Check() with { Sources = Check().Sources.Take(2).ToList() };

        var result = await _fixture.Evaluate(check);

        Assert.Equal(same ? Outcome.Passed : Outcome.Failed, result.Outcome);
        if (!same)
        {
            Assert.Equal($"values differ: diagnostics.json seed = {json}, proofs.yaml meta.seed = {yaml}", result.Message);
        }
    }

    [Fact]
    public async Task Equal_values_pass_even_when_run_json_holds_the_seed_as_a_string()
    {
        _fixture.Write("diagnostics.json", "{\"seed\": 42}");
        _fixture.Write("proofs.yaml", "meta:\n  seed: 42\n");

        var result = await _fixture.Evaluate(Check());

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Different_values_are_each_reported_with_their_position()
    {
        var diagnostics = _fixture.Write("diagnostics.json", "{\"seed\": 42}");
        var proofs = _fixture.Write("proofs.yaml", "meta:\n  seed: 43\n");

        var result = await _fixture.Evaluate(Check());

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal("values differ: diagnostics.json seed = 42, proofs.yaml meta.seed = 43, run.json seed = \"42\"", result.Message);
        Assert.Equal(
            [new SourcePosition(diagnostics, 1, 10), new SourcePosition(proofs, 2, 9), new SourcePosition(Path.Combine(_fixture.Bundle!, "run.json"), 1, 28)],
            result.Findings.Select(f => f.Position));
    }

    [Fact]
    public async Task Absent_file_is_missing()
    {
        _fixture.Write("diagnostics.json", "{\"seed\": 42}");

        var result = await _fixture.Evaluate(Check());

        Assert.Equal(Outcome.Missing, result.Outcome);
        Assert.Contains("proofs.yaml does not exist", result.Message);
    }

    [Fact]
    public async Task Absent_path_fails()
    {
        _fixture.Write("diagnostics.json", "{\"seed\": 42}");
        _fixture.Write("proofs.yaml", "meta: {}\n");

        var result = await _fixture.Evaluate(Check());

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal("proofs.yaml: meta.seed is absent", result.Message);
    }

    [Fact]
    public async Task Run_document_is_missing_before_the_bundle_opens()
    {
        _fixture.Write("diagnostics.json", "{\"seed\": 42}");
        _fixture.Write("proofs.yaml", "meta:\n  seed: 42\n");
        _fixture.Bundle = null;

        var result = await _fixture.Evaluate(Check());

        Assert.Equal(Outcome.Missing, result.Outcome);
        Assert.Contains("run.json", result.Message);
    }
}
