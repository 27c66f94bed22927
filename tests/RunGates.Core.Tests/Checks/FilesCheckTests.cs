using RunGates.Core.Checks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

public sealed class FilesCheckTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static FilesCheck Check(params string[] paths) => new() { Id = "inputs", Phase = Phase.Preflight, Position = At, Paths = paths };

    [Fact]
    public async Task Present_files_and_matching_globs_pass()
    {
        _fixture.Write("config/run.yml", "a: 1", inEvidence: false);
        _fixture.Write("data/x.csv", "1", inEvidence: false);

        var result = await _fixture.Evaluate(Check("config/run.yml", "data/*.csv"));

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Each_missing_file_and_empty_glob_is_named()
    {
        _fixture.Write("config/run.yml", "a: 1", inEvidence: false);

        var result = await _fixture.Evaluate(Check("config/run.yml", "project-plan.json", "data/**/*.csv"));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(["project-plan.json does not exist", "no file matches data/**/*.csv"], result.Findings.Select(f => f.Message));
        Assert.Contains("project-plan.json", result.Message);
    }

    [Fact]
    public async Task Gate_paths_resolve_against_the_evidence_folder()
    {
        _fixture.Write("report.json", "{}");

        var result = await _fixture.Evaluate(Check("report.json") with { Phase = Phase.Gates });

        Assert.Equal(Outcome.Passed, result.Outcome);
    }
}
