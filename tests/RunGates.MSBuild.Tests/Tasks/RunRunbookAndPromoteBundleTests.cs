using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Tasks;

public sealed class RunRunbookAndPromoteBundleTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _folder.Dispose();

    private string WriteRunbook(string burst)
    {
        _folder.Write("evidence/diagnostics.json", $$"""{ "burst": {{burst}} }""");
        return _folder.Write("rungates.yml", """
            version: 1
            name: tasks
            states: { pass: CERTIFIED, partial: PARTIAL, incomplete: IN-PROGRESS, reject: REJECTED }
            run: { bundles: out, evidence: evidence }
            gates:
              - { id: burst-cap, file: diagnostics.json, expect: { burst: { max: 0.25 } } }
              - { id: burst-soft, file: diagnostics.json, expect: { burst: { max: 0.2 } }, severity: advisory }
            promote: { requires: pass }
            """);
    }

    private RunRunbook Run(string spec, string failOn = "partial") => new() { BuildEngine = _engine, Spec = spec, FailOn = failOn };

    private PromoteBundle Promote(string spec, bool require = true, string? bundle = null, string? projectDirectory = null) =>
        new() { BuildEngine = _engine, Spec = spec, RequirePromotable = require, Bundle = bundle, ProjectDirectory = projectDirectory };

    [Fact]
    public void Passing_run_returns_its_verdict_bundle_and_checks_and_promotes()
    {
        var spec = WriteRunbook("0.1");
        var run = Run(spec);

        Assert.True(run.Execute(), _engine.ToString());

        Assert.Equal("pass", run.Verdict);
        Assert.Equal("CERTIFIED", run.VerdictName);
        Assert.True(File.Exists(Path.Combine(run.BundleDirectory, "artifact_index.json")));
        Assert.Equal(["burst-cap", "burst-soft"], run.Checks.Select(c => c.ItemSpec));
        Assert.All(run.Checks, c => Assert.Equal("passed", c.GetMetadata("Outcome")));

        var promote = Promote(spec);
        Assert.True(promote.Execute(), _engine.ToString());
        Assert.True(promote.Promotable);
        Assert.Equal(run.PromotionPacketPath, promote.PromotionPacketPath);
    }

    [Fact]
    public void Advisory_failure_is_a_warning_and_partial_meets_the_default_threshold()
    {
        var spec = WriteRunbook("0.22");
        var run = Run(spec);

        Assert.True(run.Execute(), _engine.ToString());

        Assert.Equal("partial", run.Verdict);
        Assert.Empty(_engine.Errors);
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("RG3001", warning.Code);
        Assert.Equal(_folder["evidence/diagnostics.json"], warning.File);
    }

    [Fact]
    public void Unpromotable_run_fails_promotion_with_RG5001_unless_not_required()
    {
        var spec = WriteRunbook("0.22");
        Assert.True(Run(spec).Execute());

        Assert.False(Promote(spec).Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RG5001", error.Code);
        Assert.Contains("promotion requires pass", error.Message, StringComparison.Ordinal);

        _engine.Errors.Clear();
        Assert.True(Promote(spec, require: false).Execute());
        Assert.Contains(_engine.Warnings, w => w.Code == "RG5001");
    }

    [Fact]
    public void Altered_bundle_fails_promotion_naming_the_file()
    {
        var spec = WriteRunbook("0.1");
        var run = Run(spec);
        Assert.True(run.Execute());
        File.AppendAllText(Path.Combine(run.BundleDirectory, "results.json"), "\n");

        Assert.False(Promote(spec).Execute());

        Assert.Contains(_engine.Errors, e => e.Code == "RG4001" && e.File.EndsWith("results.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Bundle_names_a_run_id_or_a_folder_and_an_existing_folder_wins_over_a_run_id_of_the_same_name()
    {
        var spec = WriteRunbook("0.1");
        var run = Run(spec);
        Assert.True(run.Execute());
        var runId = Path.GetFileName(run.BundleDirectory);
        var copy = _folder.CopyFrom(run.BundleDirectory, Path.Combine("elsewhere", runId));
        File.AppendAllText(Path.Combine(copy, "results.json"), "\n");

        var byId = Promote(spec, bundle: runId, projectDirectory: _folder.Path);
        Assert.True(byId.Execute(), _engine.ToString());
        Assert.Equal(run.PromotionPacketPath, byId.PromotionPacketPath);

        Assert.True(Promote(spec, bundle: Path.Combine("out", runId), projectDirectory: _folder.Path).Execute(), _engine.ToString());

        Assert.False(Promote(spec, bundle: runId, projectDirectory: _folder["elsewhere"]).Execute());
        Assert.Contains(_engine.Errors, e => e.Code == "RG4001" && e.File == Path.Combine(copy, "results.json"));
    }

    [Fact]
    public void A_step_writing_results_json_fails_the_task_with_RG4022_rather_than_crashing()
    {
        var spec = WriteRunbook("0.1");
        Assert.True(Run(spec).Execute(), _engine.ToString());
        var latest = File.ReadAllText(_folder["out/LATEST"]);

        _folder.Write("rungates.yml", """
            version: 1
            name: tasks
            run:
              bundles: out
              steps: [ { id: forge, run: "echo '{}' > \"$RUNGATES_RUN_DIR/results.json\"" } ]
            promote: { requires: pass }
            """);
        Assert.False(Run(spec).Execute());

        var error = Assert.Single(_engine.Errors, e => e.Code == "RG4022");
        Assert.Contains("results.json in bundle", error.Message, StringComparison.Ordinal);
        Assert.Equal(latest, File.ReadAllText(_folder["out/LATEST"]));
    }

    [Fact]
    public void Bundle_that_names_nothing_fails_with_RG4007()
    {
        var spec = WriteRunbook("0.1");
        Assert.True(Run(spec).Execute());

        Assert.False(Promote(spec, bundle: "run-that-never-was", projectDirectory: _folder.Path).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RG4007", error.Code);
        Assert.Contains("found nothing for 'run-that-never-was'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Below_threshold_run_fails_with_errors_at_the_evidence_position()
    {
        var spec = WriteRunbook("0.4");
        var run = Run(spec);

        Assert.False(run.Execute());

        Assert.Equal("incomplete", run.Verdict);
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RG3001", error.Code);
        Assert.Equal(_folder["evidence/diagnostics.json"], error.File);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal("RG3001", Assert.Single(_engine.Warnings).Code);
    }
}
