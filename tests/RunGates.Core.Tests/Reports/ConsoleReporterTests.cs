using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Reports;

public sealed class ConsoleReporterTests : IDisposable
{
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private RunResult Mixed()
    {
        var waiver = new Waiver("docs", "link target moves next sprint", "alice", new DateOnly(2026, 12, 31), _run.Spec(40));
        var docs = _run.Failed("docs", Phase.Preflight, Severity.Advisory, "links", new CheckFinding("link x.md does not resolve", new SourcePosition(Path.Combine(_run.Root, "README.md"), 3, 1))) with
        {
            Outcome = Outcome.Waived,
            Waiver = waiver,
            Message = "link x.md does not resolve (waived by alice until 2026-12-31: link target moves next sprint)",
        };
        var gtt = _run.Failed("gtt-residual", Phase.Gates, Severity.Blocker, "expect", new CheckFinding("strict.gttResidual is \"WARN\", expected \"PASS\"", _run.Evidence("diagnostics.json", 4, 21)));
        var step = new StepResult("mission", 0, false, TimeSpan.FromSeconds(1.5), "logs/mission.log", _run.Spec(8), null);
        return _run.Result([_run.Passed("inputs", Phase.Preflight, kind: "files"), docs, gtt], steps: [step]) with
        {
            PromotionReasons = ["The verdict is reject (REJECT); promotion requires pass (CERTIFIED) or better."],
        };
    }

    [Fact]
    public void Report_groups_pre_flight_steps_and_gates_in_that_order()
    {
        var text = ConsoleReporter.Render(Mixed(), _run.Root, useColor: false);

        var preflight = text.IndexOf("Pre-flight\n", StringComparison.Ordinal);
        var steps = text.IndexOf("Steps\n", StringComparison.Ordinal);
        var gates = text.IndexOf("Gates\n", StringComparison.Ordinal);
        Assert.True(preflight >= 0 && preflight < steps && steps < gates, text);
        Assert.Matches(@"  passed     required  inputs\s+inputs holds\n", text);
        Assert.Matches(@"  passed     step      mission\s+exit 0 in 1\.5s\n", text);
    }

    [Fact]
    public void Failed_check_is_followed_by_its_findings_with_positions()
    {
        var text = ConsoleReporter.Render(Mixed(), _run.Root, useColor: false);

        Assert.Matches(@"  failed     blocker   gtt-residual\s+strict\.gttResidual is ""WARN"", expected ""PASS""\n      out/helios/20261122T120000Z-abc1234/diagnostics\.json\(4,21\): strict\.gttResidual is ""WARN""", text);
    }

    [Fact]
    public void Waived_check_shows_who_waived_it_and_its_finding()
    {
        var text = ConsoleReporter.Render(Mixed(), _run.Root, useColor: false);

        Assert.Contains("waived by alice until 2026-12-31: link target moves next sprint", text, StringComparison.Ordinal);
        Assert.Contains("      README.md(3,1): link x.md does not resolve", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_line_names_the_state_bundle_and_promotability_with_reasons()
    {
        var text = ConsoleReporter.Render(Mixed(), _run.Root, useColor: false);

        Assert.Contains("3 checks: 1 passed, 1 failed, 1 waived\n", text, StringComparison.Ordinal);
        Assert.Contains("Verdict: REJECT (reject)\n", text, StringComparison.Ordinal);
        Assert.Contains("Bundle:  out/helios/20261122T120000Z-abc1234\n", text, StringComparison.Ordinal);
        Assert.Contains("Promotable: no\n  - The verdict is reject (REJECT); promotion requires pass (CERTIFIED) or better.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stopped_run_says_where_it_stopped_and_shows_the_failed_step_log()
    {
        var step = new StepResult("mission", 2, false, TimeSpan.FromSeconds(1), "logs/mission.log", _run.Spec(8), "exited with 2, expected 0");
        var notRun = _run.With(Outcome.Missing, "gtt-residual") with { Message = "not run: stopped at mission" };

        var text = ConsoleReporter.Render(_run.Result([notRun], stoppedAt: "mission", steps: [step]), _run.Root, useColor: false);

        Assert.Matches(@"  failed     step      mission\s+exited with 2, expected 0\n      log: out/helios/20261122T120000Z-abc1234/logs/mission\.log\n", text);
        Assert.Matches(@"  missing    required  gtt-residual\s+not run: stopped at mission\n", text);
        Assert.Contains("Verdict: IN-PROGRESS (incomplete)  (stopped at mission)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_colour_means_no_escape_byte_and_colour_means_some()
    {
        Assert.DoesNotContain('\u001b', ConsoleReporter.Render(Mixed(), _run.Root, useColor: false));
        Assert.Contains("\u001b[31m", ConsoleReporter.Render(Mixed(), _run.Root, useColor: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Width_cuts_long_table_messages_but_never_findings()
    {
        var longMessage = new string('x', 300);
        var check = _run.Failed("long", findings: new CheckFinding(longMessage, _run.Evidence("a.json", 1, 1))) with { Message = longMessage };

        var text = ConsoleReporter.Render(_run.Result([check]), _run.Root, useColor: false, width: 80);

        var row = text.Split('\n').Single(l => l.StartsWith("  failed", StringComparison.Ordinal));
        Assert.Equal(80, row.Length);
        Assert.EndsWith("…", row, StringComparison.Ordinal);
        Assert.Contains("a.json(1,1): " + longMessage, text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_check_is_counted_in_the_singular()
    {
        var text = ConsoleReporter.Render(_run.Result([_run.Failed("only", findings: new CheckFinding("broken", _run.Evidence("a.json", 1, 1)))]), _run.Root, useColor: false);

        Assert.Contains("\n1 check: 1 failed\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_findings_are_capped_with_a_pointer_to_results_json()
    {
        var findings = Enumerable.Range(1, 25).Select(i => new CheckFinding($"finding {i}", _run.Evidence($"r{i}.json", i, 1))).ToArray();

        var text = ConsoleReporter.Render(_run.Result([_run.Failed("many", findings: findings)]), _run.Root, useColor: false);

        Assert.Contains("r20.json(20,1): finding 20", text, StringComparison.Ordinal);
        Assert.DoesNotContain("finding 21", text, StringComparison.Ordinal);
        Assert.Contains("... and 5 more in results.json", text, StringComparison.Ordinal);
    }
}
