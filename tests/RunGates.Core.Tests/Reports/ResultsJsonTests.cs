using System.Text.Json.Nodes;
using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Reports;

public sealed class ResultsJsonTests : IDisposable
{
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private RunResult Mixed()
    {
        var waiver = new Waiver("docs", "link target moves next sprint", "alice", new DateOnly(2026, 12, 31), _run.Spec(40));
        var docs = _run.Failed("docs", Phase.Preflight, Severity.Required, "links", new CheckFinding("link x.md does not resolve", new SourcePosition(Path.Combine(_run.Root, "README.md"), 3, 1))) with
        {
            Outcome = Outcome.Waived,
            Waiver = waiver,
        };
        var gtt = _run.Failed(
            "gtt-residual",
            Phase.Gates,
            Severity.Blocker,
            "expect",
            new CheckFinding("strict.gttResidual is \"WARN\", expected \"PASS\"", _run.Evidence("diagnostics.json", 4, 21), "\"PASS\"", "\"WARN\""),
            new CheckFinding("outside", new SourcePosition("/elsewhere/x.json", 1, 2))) with
        {
            LogFile = "logs/gates-gtt-residual.log",
        };
        var step = new StepResult("mission", 0, false, TimeSpan.FromMilliseconds(1500.6), "logs/mission.log", _run.Spec(8), null);
        return _run.Result([_run.Passed("inputs", Phase.Preflight, kind: "files"), docs, gtt], steps: [step]) with
        {
            Promotable = false,
            PromotionReasons = ["The verdict is reject (REJECT); promotion requires pass (CERTIFIED) or better."],
        };
    }

    [Fact]
    public void Locations_name_the_runbook_and_evidence_folders_inside_the_work_tree()
    {
        // The fixture's root stands for a checkout: the runbook at its top, evidence in the bundle below it.
        Directory.CreateDirectory(Path.Combine(_run.Root, ".git"));

        var json = JsonNode.Parse(ResultsJson.Serialize(Mixed()))!.AsObject();

        Assert.Equal("", (string?)json["locations"]!["runbook"]);
        Assert.Equal(Path.GetRelativePath(_run.Root, _run.Bundle).Replace('\\', '/'), (string?)json["locations"]!["evidence"]);
    }

    [Fact]
    public void Locations_are_null_outside_a_work_tree()
    {
        var json = JsonNode.Parse(ResultsJson.Serialize(Mixed()))!.AsObject();

        Assert.Null(json["locations"]);
    }

    [Fact]
    public void Results_json_has_the_documented_snake_case_fields()
    {
        var json = JsonNode.Parse(ResultsJson.Serialize(Mixed()))!.AsObject();

        Assert.Equal(
            ["run_id", "runbook", "verdict", "verdict_name", "stopped_at", "promotable", "promotion_reasons", "promotion", "ledger", "started_at", "finished_at", "steps", "checks", "locations"],
            json.Select(p => p.Key));
        Assert.Equal("reject", (string?)json["verdict"]);
        Assert.Equal("REJECT", (string?)json["verdict_name"]);
        Assert.Equal("2026-11-22T12:00:00.0000000Z", (string?)json["started_at"]);
        var step = json["steps"]![0]!.AsObject();
        Assert.Equal(["id", "exit_code", "timed_out", "duration_ms", "log", "error"], step.Select(p => p.Key));
        Assert.Equal(1501, (long)step["duration_ms"]!);
        var check = json["checks"]![2]!.AsObject();
        Assert.Equal(
            ["id", "kind", "phase", "severity", "outcome", "message", "spec", "findings", "waiver", "expired_waiver", "log", "duration_ms", "code"],
            check.Select(p => p.Key));
        Assert.Equal("gates", (string?)check["phase"]);
        Assert.Equal("blocker", (string?)check["severity"]);
        Assert.Equal("failed", (string?)check["outcome"]);
        Assert.Equal("RG3001", (string?)check["code"]);
        Assert.Equal("rungates.yml", (string?)check["spec"]!["file"]);
        Assert.Equal(12, (int)check["spec"]!["line"]!);
        var finding = check["findings"]![0]!.AsObject();
        Assert.Equal(["message", "expected", "actual", "position"], finding.Select(p => p.Key));
        Assert.Equal("diagnostics.json", (string?)finding["position"]!["file"]);
        Assert.Equal(21, (int)finding["position"]!["column"]!);
        Assert.Equal("/elsewhere/x.json", (string?)check["findings"]![1]!["position"]!["file"]);
    }

    [Fact]
    public void A_finding_with_its_own_code_carries_it_and_the_others_write_none()
    {
        var timedOut = new CheckFinding("v: matching /^(a+)+$/ took longer than the 2 s limit (RG3045)", _run.Evidence("r.json", 1, 7), Code: "RG3045");
        var plain = new CheckFinding("w is 1, expected 2", _run.Evidence("r.json", 1, 20));
        var result = _run.Result([_run.Failed("pattern", Phase.Gates, Severity.Required, "expect", timedOut, plain)]);

        var check = JsonNode.Parse(ResultsJson.Serialize(result))!["checks"]![0]!.AsObject();

        Assert.Equal("RG3001", (string?)check["code"]);
        Assert.Equal("RG3045", (string?)check["findings"]![0]!["code"]);
        Assert.False(check["findings"]![1]!.AsObject().ContainsKey("code"));
    }

    [Fact]
    public void Waiver_is_recorded_with_who_why_and_until_when()
    {
        var docs = JsonNode.Parse(ResultsJson.Serialize(Mixed()))!["checks"]![1]!;

        Assert.Equal("waived", (string?)docs["outcome"]);
        Assert.Equal("alice", (string?)docs["waiver"]!["by"]);
        Assert.Equal("link target moves next sprint", (string?)docs["waiver"]!["reason"]);
        Assert.Equal("2026-12-31", (string?)docs["waiver"]!["expires"]);
        Assert.Equal("RG2006", (string?)docs["code"]);
        // Pre-flight evidence resolves against the runbook's folder.
        Assert.Equal("README.md", (string?)docs["findings"]![0]!["position"]!["file"]);
    }

    [Fact]
    public void Passed_check_has_no_code_and_an_empty_findings_array()
    {
        var inputs = JsonNode.Parse(ResultsJson.Serialize(Mixed()))!["checks"]![0]!;

        Assert.Null(inputs["code"]);
        Assert.Empty(inputs["findings"]!.AsArray());
        Assert.Equal(12, (long)inputs["duration_ms"]!);
    }

    [Fact]
    public void Stopped_run_records_where_it_stopped_and_the_checks_that_never_ran()
    {
        var signers = _run.Failed("signers", Phase.Preflight, Severity.Blocker, "command");
        var notRun = _run.With(Outcome.Missing, "gtt-residual") with { Message = "not run: stopped at signers" };
        var json = JsonNode.Parse(ResultsJson.Serialize(_run.Result([signers, notRun], stoppedAt: "signers")))!;

        Assert.Equal("signers", (string?)json["stopped_at"]);
        Assert.Equal("missing", (string?)json["checks"]![1]!["outcome"]);
        Assert.Equal("RG3020", (string?)json["checks"]![1]!["code"]);
    }

    [Fact]
    public void Read_returns_what_was_written()
    {
        var result = Mixed();
        var path = Path.Combine(_run.Bundle, ResultsJson.FileName);
        File.WriteAllText(path, ResultsJson.Serialize(result));

        var document = ResultsJson.Read(path);

        Assert.Equal(result.Manifest.RunId, document.RunId);
        Assert.Equal(Verdict.Reject, document.Verdict);
        Assert.Equal(result.PromotionReasons, document.PromotionReasons);
        Assert.Equal(RunFixture.Started, document.StartedAt);
        Assert.Equal(3, document.Checks.Count);
        var gtt = document.FindCheck("gtt-residual")!;
        Assert.Equal(new ResultsPosition("diagnostics.json", 4, 21), gtt.Findings[0].Position);
        Assert.Equal("\"WARN\"", gtt.Findings[0].Actual);
        Assert.Equal("logs/gates-gtt-residual.log", gtt.Log);
        Assert.Equal(new ResultsWaiver("alice", "link target moves next sprint", new DateOnly(2026, 12, 31)), document.FindCheck("docs")!.Waiver);
        Assert.True(document.Steps[0].Succeeded);
        // A second serialization of the read document is byte-identical: nothing is lost on the way.
        Assert.Equal(File.ReadAllText(path), ResultsJson.Serialize(document));
    }

    [Fact]
    public void Read_of_a_file_that_is_not_results_json_names_the_file_and_position()
    {
        var path = Path.Combine(_run.Bundle, ResultsJson.FileName);
        File.WriteAllText(path, "{\n  \"run_id\": \"x\",\n  \"verdict\": \"splendid\"\n}");

        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("(3,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_add_nothing_beyond_the_checks_so_recorded_env_and_host_stay_out()
    {
        // Masking happens where values enter (the pipeline); reporters must not pull in anything else, such as the
        // recorded environment, tools or host, where a value could slip past the masker.
        const string sentinel = "s3cr3t-value-123";
        var result = Mixed();
        result = result with
        {
            Manifest = result.Manifest with
            {
                Env = new Dictionary<string, string?> { ["RPC_URL"] = sentinel },
                Tools = new Dictionary<string, string?> { ["node"] = sentinel },
                Host = sentinel,
            },
        };

        Assert.DoesNotContain(sentinel, ResultsJson.Serialize(result), StringComparison.Ordinal);
        Assert.DoesNotContain(sentinel, ConsoleReporter.Render(result, _run.Root, useColor: false), StringComparison.Ordinal);
        Assert.DoesNotContain(sentinel, MarkdownReporter.Render(result, _run.Root), StringComparison.Ordinal);
        Assert.DoesNotContain(sentinel, JUnitReporter.Render(result, _run.Root), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_kind_without_a_code_still_gets_its_results_written()
    {
        var odd = _run.Failed("future", kind: "not-yet-catalogued");

        var json = JsonNode.Parse(ResultsJson.Serialize(_run.Result([odd])))!;

        Assert.Equal("failed", (string?)json["checks"]![0]!["outcome"]);
        Assert.Null(json["checks"]![0]!["code"]);
    }

    [Fact]
    public void Read_of_a_missing_file_says_which_and_what_was_expected()
    {
        var path = Path.Combine(_run.Bundle, ResultsJson.FileName);

        var error = Assert.Throws<FileNotFoundException>(() => ResultsJson.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("committed bundle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_shape_findings_length_is_readable_with_jq()
    {
        var path = Path.Combine(_run.Bundle, ResultsJson.FileName);
        File.WriteAllText(path, ResultsJson.Serialize(Mixed()));
        var jq = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("jq", ["-c", "[.checks[].findings | length]", path]) { RedirectStandardOutput = true })!;
        var output = jq.StandardOutput.ReadToEnd().Trim();
        jq.WaitForExit();

        Assert.Equal(0, jq.ExitCode);
        Assert.Equal("[0,1,2]", output);
    }

    [Theory]
    [InlineData(InfeasibleCountsAs.Passed, "passed")]
    [InlineData(InfeasibleCountsAs.Incomplete, "incomplete")]
    public void An_infeasible_check_records_what_it_counts_as_and_keeps_its_outcome(InfeasibleCountsAs countsAs, string expected)
    {
        var infeasible = _run.With(Outcome.Infeasible, "s03-blocked") with { InfeasibleCountsAs = countsAs };

        var checks = JsonNode.Parse(ResultsJson.Serialize(_run.Result([_run.Passed("a"), infeasible])))!["checks"]!;

        Assert.Equal(("infeasible", expected), ((string?)checks[1]!["outcome"], (string?)checks[1]!["counts_as"]));
        Assert.Equal(countsAs == InfeasibleCountsAs.Passed ? null : "RG3021", (string?)checks[1]!["code"]);
        Assert.False(checks[0]!.AsObject().ContainsKey("counts_as"));
    }

    [Theory]
    [InlineData(InfeasibleCountsAs.Passed, Outcome.Passed)]
    [InlineData(InfeasibleCountsAs.Incomplete, Outcome.Infeasible)]
    public void Read_back_an_infeasible_check_counts_as_it_did_in_the_run(InfeasibleCountsAs countsAs, Outcome counted)
    {
        var infeasible = _run.With(Outcome.Infeasible, "s03-blocked") with { InfeasibleCountsAs = countsAs };
        var result = _run.Result([_run.Passed("a"), infeasible]);

        var read = ResultsJson.Parse(ResultsJson.Serialize(result));

        Assert.Equal((Outcome.Infeasible, counted), (read.Checks[1].Outcome, read.Checks[1].CountedOutcome));
        Assert.Equal(result.Verdict, VerdictEvaluator.Evaluate(read.Checks.Select(c => (c.Severity, c.CountedOutcome))));
    }
}
