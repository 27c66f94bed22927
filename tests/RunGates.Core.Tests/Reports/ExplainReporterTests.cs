using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Tests.Runbooks;

namespace RunGates.Core.Tests.Reports;

public sealed class ExplainReporterTests : IDisposable
{
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private FilesCheck Inputs(Phase phase = Phase.Preflight, Severity severity = Severity.Blocker) => new()
    {
        Id = "inputs",
        Phase = phase,
        Severity = severity,
        Position = _run.Spec(7, 7),
        Paths = ["config/run.yml", "project-plan.json"],
        Description = "The run cannot start without its configuration.",
    };

    private Core.Verdicts.CheckResult FailedInputs() => _run.Failed(
        "inputs",
        Phase.Preflight,
        Severity.Blocker,
        "files",
        new CheckFinding("config/run.yml does not exist", new SourcePosition(Path.Combine(_run.Root, "config", "run.yml"), 0, 0), "a file", "nothing"));

    [Fact]
    public void Explains_each_path_matcher_reference_filter_and_group_of_an_expect_check()
    {
        using var gates = new RunGates.Core.Tests.Evidence.GateFixture();
        var runbook = gates.Load("""
              - id: g
                file: d.json
                expect:
                  "items[?status==WARN && resolved!=true]": { count: { max: 0 } }
                  "commands[*].checksum": { digest-of: "@.log" }
                  signatures: { count: { min-field: { file: spec:policy.json, path: safe_threshold } } }
                  any-of: [ { artifact_path: { type: string } }, { mlflow_run_id: { type: string } } ]
                when: { status: { not: superseded } }
            """);

        var text = ExplainReporter.Render(runbook.Gates[0], null, gates.Files.Root);

        Assert.Contains("    expect items[?status==WARN && resolved!=true]: a count <= 0", text, StringComparison.Ordinal);
        Assert.Contains("    expect commands[*].checksum: the SHA-256 of the file named by @.log", text, StringComparison.Ordinal);
        Assert.Contains("    expect signatures: a count >= spec:policy.json#safe_threshold", text, StringComparison.Ordinal);
        Assert.Contains("    expect any-of (artifact_path: of type string | mlflow_run_id: of type string)", text, StringComparison.Ordinal);
        Assert.Contains("    when status: not \"superseded\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_what_the_check_does_and_that_it_never_ran()
    {
        var text = ExplainReporter.Render(Inputs(), null, _run.Root);

        Assert.StartsWith("inputs: files check, blocker, pre-flight\n", text, StringComparison.Ordinal);
        Assert.Contains("  written at rungates.yml(7,7)\n", text, StringComparison.Ordinal);
        Assert.Contains("  Checks that config/run.yml, project-plan.json exist.\n", text, StringComparison.Ordinal);
        Assert.Contains("  The run cannot start without its configuration.\n", text, StringComparison.Ordinal);
        Assert.Contains("stops it before any step runs", text, StringComparison.Ordinal);
        Assert.Contains("It has not run yet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_why_it_failed_last_time_with_positions_and_the_help_link()
    {
        var text = ExplainReporter.Render(Inputs(), FailedInputs(), _run.Root);

        Assert.Contains("It failed in the last run:\n  RG2002: config/run.yml does not exist\n", text, StringComparison.Ordinal);
        Assert.Contains("  config/run.yml: config/run.yml does not exist\n    expected a file, found nothing\n", text, StringComparison.Ordinal);
        Assert.Contains("Help: https://github.com/rungates/rungates/blob/main/docs/errors/RG2002.md", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_it_passed_when_it_passed()
    {
        var text = ExplainReporter.Render(Inputs(), _run.Passed("inputs", Phase.Preflight, kind: "files"), _run.Root);

        Assert.Contains("It passed in the last run: inputs holds\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Help:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_from_results_json_of_the_last_run()
    {
        var result = _run.Result([FailedInputs()], stoppedAt: "inputs");
        var path = Path.Combine(_run.Bundle, ResultsJson.FileName);
        File.WriteAllText(path, ResultsJson.Serialize(result));

        var text = ExplainReporter.RenderFromResults(Inputs(), ResultsJson.Read(path), _run.Root);

        Assert.Contains("It failed in the last run (20261122T120000Z-abc1234, 2026-11-22 12:00 UTC, verdict REJECT (reject)):\n", text, StringComparison.Ordinal);
        Assert.Contains("  config/run.yml: config/run.yml does not exist\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_the_waiver_that_covered_the_last_failure()
    {
        var waived = _run.With(Outcome.Waived, "inputs", Phase.Gates) with { Waiver = new Waiver("inputs", "moves next sprint", "alice", new DateOnly(2026, 12, 31), _run.Spec(40)) };
        var document = ResultsJson.Parse(ResultsJson.Serialize(_run.Result([waived])));

        var text = ExplainReporter.RenderFromResults(Inputs(Phase.Gates, Severity.Required), document, _run.Root);

        Assert.Contains("It failed, under a waiver, in the last run", text, StringComparison.Ordinal);
        Assert.Contains("  Waived by alice until 2026-12-31: moves next sprint\n", text, StringComparison.Ordinal);
        Assert.Contains("unless a live waiver covers it", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_absent_from_the_last_run_is_said_to_be_new_since()
    {
        var document = ResultsJson.Parse(ResultsJson.Serialize(_run.Result([_run.Passed("other")])));

        var text = ExplainReporter.RenderFromResults(Inputs(), document, _run.Root);

        Assert.Contains("It did not run in the last run (20261122T120000Z-abc1234", text, StringComparison.Ordinal);
        Assert.Contains("the runbook may have changed since", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_results_at_all_means_it_has_not_run() =>
        Assert.Contains("It has not run yet", ExplainReporter.RenderFromResults(Inputs(), null, _run.Root), StringComparison.Ordinal);

    [Fact]
    public void Explains_a_covers_check_and_a_complete_json_ledger_in_their_own_words()
    {
        var runbook = RunbookFolder.LoadOf("""
            version: 1
            name: x
            gates:
              - { id: covered, covers: { values: [alpha, beta], by: { each: "d/*.yaml", key: value_name, where: { status: { not: superseded } } } } }
              - { id: indexed, ledger: { file: b/artifact_index.json, format: json, entries: "artifacts[*]", unlisted: fail, exclude: ["**/*.log"] } }
            """);

        var covers = ExplainReporter.Render(runbook.Gates[0], null, _run.Root);
        var ledger = ExplainReporter.Render(runbook.Gates[1], null, _run.Root);

        Assert.StartsWith("covered: covers check, required, gate\n", covers, StringComparison.Ordinal);
        Assert.Contains("Every value of [\"alpha\", \"beta\"] is covered by a record of each d/*.yaml by value_name where status", covers, StringComparison.Ordinal);
        Assert.Contains("Verifies every digest in the JSON digest index b/artifact_index.json (entries artifacts[*], path, sha256); every file under the root must be listed except **/*.log.", ledger, StringComparison.Ordinal);
    }
}
