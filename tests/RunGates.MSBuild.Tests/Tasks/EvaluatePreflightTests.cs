using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Tasks;

public sealed class EvaluatePreflightTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _folder.Dispose();

    private EvaluatePreflight Task(string runbook, string failOn = "partial")
    {
        _folder.Write("config/run.json", """{ "mode": "canonical", "caps": { "burst": 0.5 } }""");
        var spec = _folder.Write("rungates.yml", runbook);
        return new EvaluatePreflight { BuildEngine = _engine, Spec = spec, FailOn = failOn, StateDirectory = _folder["obj/rungates"] };
    }

    private const string Passing = """
        version: 1
        name: unit
        preflight:
          - { id: inputs, files: [config/run.json] }
          - id: caps
            file: config/run.json
            expect: { caps.burst: { max: 0.75 } }
        """;

    [Fact]
    public void Passing_preflight_succeeds_and_records_its_stamp_and_inputs()
    {
        var task = Task(Passing);

        Assert.True(task.Execute(), _engine.ToString());

        Assert.Equal("pass", task.Verdict);
        Assert.Empty(_engine.Errors);
        Assert.True(File.Exists(_folder["obj/rungates/preflight.stamp"]));
        var inputs = File.ReadAllLines(_folder["obj/rungates/preflight.inputs"]);
        Assert.Contains(_folder["rungates.yml"], inputs);
        Assert.Contains(_folder["config/run.json"], inputs);
    }

    [Fact]
    public void Failed_required_check_is_an_error_with_code_file_line_and_help_link()
    {
        var task = Task(Passing.Replace("max: 0.75", "max: 0.25", StringComparison.Ordinal));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RG2001", error.Code);
        Assert.Equal(_folder["config/run.json"], error.File);
        Assert.Equal(1, error.LineNumber);
        Assert.True(error.ColumnNumber > 1);
        Assert.Contains("[caps]", error.Message, StringComparison.Ordinal);
        Assert.Contains("rungates.yml line 5", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("docs/errors/RG2001.md", error.HelpLink, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["obj/rungates/preflight.stamp"]), "a failing pre-flight must not be skipped next time");
    }

    [Fact]
    public void Failure_within_the_threshold_is_a_warning_and_the_task_succeeds()
    {
        var task = Task(Passing.Replace("max: 0.75", "max: 0.25", StringComparison.Ordinal), failOn: "incomplete");

        Assert.True(task.Execute(), _engine.ToString());

        Assert.Empty(_engine.Errors);
        Assert.Equal("RG2001", Assert.Single(_engine.Warnings).Code);
    }

    [Fact]
    public void Advisory_failure_below_a_pass_threshold_fails_with_RG5002()
    {
        var task = Task(Passing.Replace("- { id: inputs, files: [config/run.json] }", "- { id: inputs, files: [config/absent.json], severity: advisory }", StringComparison.Ordinal), failOn: "pass");

        Assert.False(task.Execute());

        Assert.Equal("RG2002", Assert.Single(_engine.Warnings).Code);
        Assert.Equal("RG5002", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Runbook_errors_are_reported_at_their_line_and_column()
    {
        var task = Task(Passing.Replace("  - { id: inputs, files: [config/run.json] }", "  - { id: inputs, filez: [config/run.json] }", StringComparison.Ordinal));

        Assert.False(task.Execute());

        Assert.NotEmpty(_engine.Errors);
        Assert.All(_engine.Errors, e => Assert.StartsWith("RG1", e.Code, StringComparison.Ordinal));
        Assert.Contains(_engine.Errors, e => e.File == _folder["rungates.yml"] && e.LineNumber == 4);
    }

    [Fact]
    public void Unknown_threshold_is_an_error_naming_the_allowed_verdicts()
    {
        var task = Task(Passing, failOn: "green");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RG1010", error.Code);
        Assert.Contains("pass, partial, incomplete, reject", error.Message, StringComparison.Ordinal);
    }
}
