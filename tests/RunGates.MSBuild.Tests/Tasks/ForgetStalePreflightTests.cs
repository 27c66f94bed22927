using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Tasks;

/// <summary>What MSBuild's file times cannot see makes pre-flight run again: a new or removed glob match, another threshold or runbook.</summary>
public sealed class ForgetStalePreflightTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _folder.Dispose();

    private string Stamp => _folder["obj/rungates/preflight.stamp"];

    private void PassPreflight(string runbook, string failOn = "partial")
    {
        var spec = _folder.Write("rungates.yml", runbook);
        var task = new EvaluatePreflight { BuildEngine = _engine, Spec = spec, FailOn = failOn, StateDirectory = _folder["obj/rungates"] };
        Assert.True(task.Execute(), _engine.ToString());
    }

    private void Forget(string failOn = "partial") =>
        Assert.True(new ForgetStalePreflight { BuildEngine = _engine, Spec = _folder["rungates.yml"], FailOn = failOn, StateDirectory = _folder["obj/rungates"] }.Execute());

    private const string Receipts = "version: 1\nname: unit\npreflight:\n  - { id: receipts, each: \"receipts/*.json\", expect: { status: PASS } }\n";

    [Fact]
    public void An_unchanged_glob_keeps_the_stamp_and_a_new_match_drops_it()
    {
        _folder.Write("receipts/a.json", """{ "status": "PASS" }""");
        PassPreflight(Receipts);
        Forget();
        Assert.True(File.Exists(Stamp));

        _folder.Write("receipts/b.json", """{ "status": "FAIL" }""");
        Forget();

        Assert.False(File.Exists(Stamp));
        Assert.Contains(_engine.Messages, m => m.Message!.StartsWith("RunGates: pre-flight runs again: receipts/*.json in ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_removed_match_drops_the_stamp()
    {
        _folder.Write("receipts/a.json", """{ "status": "PASS" }""");
        _folder.Write("receipts/b.json", """{ "status": "PASS" }""");
        PassPreflight(Receipts);

        File.Delete(_folder["receipts/b.json"]);
        Forget();

        Assert.False(File.Exists(Stamp));
    }

    [Fact]
    public void A_stricter_threshold_than_the_stamp_was_written_under_drops_it()
    {
        _folder.Write("receipts/a.json", """{ "status": "PASS" }""");
        PassPreflight(Receipts, failOn: "incomplete");

        Forget(failOn: "pass");

        Assert.False(File.Exists(Stamp));
        Assert.Contains(_engine.Messages, m => m.Message == "RunGates: pre-flight runs again: it last passed for another rungates.yml or RunGatesFailOn.");
    }

    [Fact]
    public void A_stamp_without_a_glob_record_is_from_an_older_version_and_is_dropped()
    {
        _folder.Write("receipts/a.json", """{ "status": "PASS" }""");
        PassPreflight(Receipts);
        File.Delete(_folder["obj/rungates/preflight.globs"]);

        Forget();

        Assert.False(File.Exists(Stamp));
    }

    [Fact]
    public void A_check_that_reads_no_file_leaves_no_stamp_and_says_why()
    {
        PassPreflight("version: 1\nname: unit\npreflight:\n  - { id: probe, command: \"true\" }\n");

        Assert.False(File.Exists(Stamp));
        Assert.Contains(_engine.Messages, m => m.Message == "RunGates: pre-flight runs on every build: probe: a command check runs a command.");
    }

    [Fact]
    public void An_absent_file_a_check_requires_is_recorded_as_an_input()
    {
        _folder.Write("config/present.txt", "x");
        PassPreflight("version: 1\nname: unit\npreflight:\n  - { id: inputs, files: [config/present.txt, config/absent.txt], severity: advisory }\n");

        var inputs = File.ReadAllLines(_folder["obj/rungates/preflight.inputs"]);

        Assert.Contains(_folder["config/absent.txt"], inputs);
        Assert.Contains(_folder["config/present.txt"], inputs);
        Assert.True(File.Exists(Stamp));
    }
}
