using System.Xml.Linq;
using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Reports;

public sealed class JUnitReporterTests : IDisposable
{
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private RunResult Mixed()
    {
        var waived = _run.With(Outcome.Waived, "docs", Phase.Preflight) with { Waiver = new Waiver("docs", "moves next sprint", "alice", new DateOnly(2026, 12, 31), _run.Spec(40)) };
        var failed = _run.Failed("gtt-residual", Phase.Gates, Severity.Blocker, "expect", new CheckFinding("strict.gttResidual is \"WARN\"", _run.Evidence("diagnostics.json", 4, 21)));
        var step = new StepResult("mission", 0, false, TimeSpan.FromSeconds(2), "logs/mission.log", _run.Spec(8), null);
        return _run.Result(
            [
                _run.Passed("inputs", Phase.Preflight),
                waived,
                failed,
                _run.With(Outcome.Missing, "seed-aligned"),
                _run.With(Outcome.Infeasible, "tier-c"),
                _run.Passed("artefacts-intact", kind: "ledger"),
            ],
            steps: [step]);
    }

    [Fact]
    public void Xml_parses_and_counts_match_the_testcases()
    {
        var xml = XDocument.Parse(JUnitReporter.Render(Mixed(), _run.Root));

        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(["helios.preflight", "helios.steps", "helios.gates"], root.Elements("testsuite").Select(s => (string)s.Attribute("name")!));
        foreach (var suite in root.Elements("testsuite"))
        {
            var cases = suite.Elements("testcase").ToList();
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") is not null), (int)suite.Attribute("errors")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") is not null), (int)suite.Attribute("skipped")!);
        }

        Assert.Equal(7, (int)root.Attribute("tests")!);
        Assert.Equal(1, (int)root.Attribute("failures")!);
        Assert.Equal(2, (int)root.Attribute("errors")!);
        Assert.Equal(1, (int)root.Attribute("skipped")!);
    }

    [Fact]
    public void Failure_carries_the_message_and_the_diagnostic_code_as_type()
    {
        var xml = XDocument.Parse(JUnitReporter.Render(Mixed(), _run.Root));

        var failure = xml.Descendants("testcase").Single(c => (string?)c.Attribute("name") == "gtt-residual").Element("failure")!;
        Assert.Equal("strict.gttResidual is \"WARN\"", (string?)failure.Attribute("message"));
        Assert.Equal("RG3001", (string?)failure.Attribute("type"));
        Assert.Contains("out/helios/20261122T120000Z-abc1234/diagnostics.json(4,21): strict.gttResidual is \"WARN\"", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_infeasible_are_errors_and_waived_is_skipped_with_the_waiver()
    {
        var xml = XDocument.Parse(JUnitReporter.Render(Mixed(), _run.Root));
        XElement Case(string id) => xml.Descendants("testcase").Single(c => (string?)c.Attribute("name") == id);

        Assert.Equal("RG3020", (string?)Case("seed-aligned").Element("error")!.Attribute("type"));
        Assert.Equal("RG3021", (string?)Case("tier-c").Element("error")!.Attribute("type"));
        Assert.Equal("waived by alice until 2026-12-31: moves next sprint", (string?)Case("docs").Element("skipped")!.Attribute("message"));
        Assert.Empty(Case("inputs").Elements());
    }

    [Fact]
    public void Failed_step_is_a_failure_in_the_steps_suite()
    {
        var step = new StepResult("mission", null, true, TimeSpan.FromSeconds(5), "logs/mission.log", _run.Spec(8), "timed out after 00:00:05");

        var xml = XDocument.Parse(JUnitReporter.Render(_run.Result([_run.With(Outcome.Missing, "gtt")], stoppedAt: "mission", steps: [step]), _run.Root));

        var failure = xml.Descendants("testsuite").Single(s => (string?)s.Attribute("name") == "helios.steps").Element("testcase")!.Element("failure")!;
        Assert.Equal("RG2050", (string?)failure.Attribute("type"));
        Assert.Equal("timed out after 00:00:05", (string?)failure.Attribute("message"));
    }

    [Fact]
    public void Control_characters_from_command_output_do_not_break_the_xml()
    {
        var check = _run.Failed("cmd", kind: "command") with { Message = "exit 1: \u001b[31mred\u001b[0m \u0000 done" };

        var text = JUnitReporter.Render(_run.Result([check]), _run.Root);

        var failure = XDocument.Parse(text).Descendants("failure").Single();
        Assert.Contains("red", (string?)failure.Attribute("message"), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Infeasible_counted_as_passed_is_a_passing_testcase_and_the_default_an_error()
    {
        var counted = _run.With(Outcome.Infeasible, "s03") with { InfeasibleCountsAs = InfeasibleCountsAs.Passed };
        var plain = _run.With(Outcome.Infeasible, "tier-c");

        var xml = XDocument.Parse(JUnitReporter.Render(_run.Result([counted, plain]), _run.Root));

        var cases = xml.Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Empty(cases["s03"].Elements());
        Assert.NotNull(cases["tier-c"].Element("error"));
        Assert.Equal(1, (int)xml.Root!.Attribute("errors")!);
    }
}
