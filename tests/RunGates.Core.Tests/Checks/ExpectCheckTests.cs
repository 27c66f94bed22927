using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

public sealed class ExpectCheckTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static ExpectCheck Check(string? file = null, string? each = null, FieldExpectation[]? expect = null, FieldExpectation[]? when = null, FieldExpectation[]? infeasibleWhen = null) => new()
    {
        Id = "gate",
        Phase = Phase.Gates,
        Position = At,
        File = file,
        Each = each,
        Expect = expect ?? [FieldEquals("status", "PASS")],
        When = when ?? [],
        InfeasibleWhen = infeasibleWhen ?? [],
    };

    [Fact]
    public async Task Checks_evaluated_in_one_pass_answer_as_each_alone()
    {
        _fixture.Write("receipts/a.json", "{\"status\": \"PASS\", \"kind\": \"run\", \"risks\": [{\"code\": \"INFO\"}]}");
        _fixture.Write("receipts/b.json", "{\"status\": \"FAIL\", \"kind\": \"run\", \"risks\": [{\"code\": \"HALT\"}, {\"code\": \"INFO\"}]}");
        _fixture.Write("receipts/c.json", "{\"status\": \"INFEASIBLE\", \"kind\": \"plan\", \"reason\": \"no rig\"}");
        _fixture.Write("receipts/d.json", "{\"status\": ");
        _fixture.Write("summary.yml", "status: PASS\n");
        ExpectCheck[] checks =
        [
            Check(each: "receipts/*.json") with { Id = "all-pass" },
            Check(each: "receipts/*.json", expect: [Field("risks[*].code", OneOf(MatcherKind.NotIn, "HALT"))], when: [FieldEquals("kind", "run")]) with { Id = "no-halt" },
            Check(each: "receipts/*.json", infeasibleWhen: [FieldEquals("status", "INFEASIBLE")]) with { Id = "feasible" },
            Check(file: "receipts/b.json") with { Id = "b" },
            Check(file: "summary.yml") with { Id = "summary" },
            Check(each: "nothing/*.json") with { Id = "none" },
        ];

        var together = ExpectPass.Evaluate(checks, _fixture.Context(), CancellationToken.None);

        Assert.Equal(checks.Length, together.Count);
        for (var i = 0; i < checks.Length; i++)
        {
            var alone = await _fixture.Evaluate(checks[i]);
            Assert.Equal((alone.Outcome, alone.Message), (together[i].Outcome, together[i].Message));
            Assert.Equal(alone.Findings, together[i].Findings);
        }

        Assert.Equal(
            [Outcome.Failed, Outcome.Failed, Outcome.Failed, Outcome.Failed, Outcome.Passed, Outcome.Missing],
            together.Select(e => e.Outcome));
    }

    [Fact]
    public async Task File_that_holds_passes()
    {
        _fixture.Write("diagnostics.json", "{\"status\": \"PASS\"}");

        var result = await _fixture.Evaluate(Check(file: "diagnostics.json"));

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task File_failure_names_path_values_and_position()
    {
        var path = _fixture.Write("diagnostics.json", "{\n  \"strict\": {\n    \"gttResidual\": \"WARN\"\n  }\n}\n");

        var result = await _fixture.Evaluate(Check(file: "diagnostics.json", expect: [FieldEquals("strict.gttResidual", "PASS")]));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal("strict.gttResidual is \"WARN\", expected \"PASS\"", result.Message);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(new Core.Runbooks.SourcePosition(path, 3, 20), finding.Position);
        Assert.Equal(("\"PASS\"", "\"WARN\""), (finding.Expected, finding.Actual));
    }

    [Fact]
    public async Task Yaml_evidence_failure_carries_the_yaml_position()
    {
        var path = _fixture.Write("config/run.yml", "canonical:\n  family: alcubierre\n");

        var result = await _fixture.Evaluate(Check(file: "config/run.yml", expect: [FieldEquals("canonical.family", "natario")]));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(new Core.Runbooks.SourcePosition(path, 2, 11), finding.Position);
    }

    [Fact]
    public async Task Absent_file_is_missing()
    {
        var result = await _fixture.Evaluate(Check(file: "diagnostics.json"));

        Assert.Equal(Outcome.Missing, result.Outcome);
        Assert.Contains("diagnostics.json does not exist", result.Message);
    }

    [Fact]
    public async Task Unparseable_file_fails_with_the_error_position()
    {
        var path = _fixture.Write("diagnostics.json", "{\"status\": }");

        var result = await _fixture.Evaluate(Check(file: "diagnostics.json"));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(path, result.Findings[0].Position!.File);
        Assert.Equal(1, result.Findings[0].Position!.Line);
    }

    [Fact]
    public async Task Each_with_no_matching_file_is_missing_not_a_vacuous_pass()
    {
        var result = await _fixture.Evaluate(Check(each: "receipts/*.json"));

        Assert.Equal(Outcome.Missing, result.Outcome);
        Assert.StartsWith("no file matches receipts/*.json", result.Message);
    }

    [Fact]
    public async Task Each_reports_every_failing_document_and_path()
    {
        _fixture.Write("receipts/a.json", "{\"status\": \"PASS\", \"latency\": 10}");
        _fixture.Write("receipts/b.json", "{\"status\": \"FAIL\", \"latency\": 900}");
        _fixture.Write("receipts/c.json", "{\"status\": \"HALT\", \"latency\": 20}");
        _fixture.Write("receipts/d.json", "{\"status\": \"PASS\", \"latency\": 300}");

        var result = await _fixture.Evaluate(Check(each: "receipts/*.json", expect: [FieldEquals("status", "PASS"), Field("latency", Is(MatcherKind.Max, Number("250")))]));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(
            [
                "receipts/b.json: status is \"FAIL\", expected \"PASS\"",
                "receipts/b.json: latency is 900, expected a number <= 250",
                "receipts/c.json: status is \"HALT\", expected \"PASS\"",
                "receipts/d.json: latency is 300, expected a number <= 250",
            ],
            result.Findings.Select(f => f.Message));
        Assert.StartsWith("3 of 4 documents fail receipts/*.json", result.Message);
    }

    [Fact]
    public async Task When_filters_documents_before_expect()
    {
        _fixture.Write("derivations/a.yaml", "kind: derivation\ncost_tier: C\nlockability: lockable\n");
        _fixture.Write("derivations/b.yaml", "kind: derivation\ncost_tier: A\nlockability: lockable\n");

        var result = await _fixture.Evaluate(Check(
            each: "derivations/*.yaml",
            when: [FieldEquals("cost_tier", "C")],
            expect: [Field("lockability", Is(MatcherKind.NotEqualTo, Value("lockable")))]));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal("derivations/a.yaml: lockability is \"lockable\", expected not \"lockable\"", Assert.Single(result.Findings).Message);
    }

    [Fact]
    public async Task When_that_leaves_no_document_passes_and_says_none_matched()
    {
        _fixture.Write("derivations/a.yaml", "kind: note\n");

        var result = await _fixture.Evaluate(Check(each: "derivations/*.yaml", when: [FieldEquals("kind", "derivation")]));

        Assert.Equal(Outcome.Passed, result.Outcome);
        Assert.Contains("none of the 1 document matched when", result.Message);
    }

    [Fact]
    public async Task Infeasible_record_makes_the_check_infeasible_with_its_reason()
    {
        _fixture.Write("receipts/a.json", "{\"status\": \"PASS\"}");
        _fixture.Write("receipts/b.json", "{\"kind\": \"infeasible\", \"reason\": \"sensor offline during window\"}");

        var result = await _fixture.Evaluate(Check(each: "receipts/*.json", infeasibleWhen: [FieldEquals("kind", "infeasible")]));

        Assert.Equal(Outcome.Infeasible, result.Outcome);
        Assert.Contains("sensor offline during window", result.Message);
        Assert.Contains("receipts/b.json", result.Message);
    }

    [Fact]
    public async Task A_failing_document_outweighs_an_infeasible_one()
    {
        _fixture.Write("receipts/a.json", "{\"status\": \"FAIL\"}");
        _fixture.Write("receipts/b.json", "{\"kind\": \"infeasible\", \"reason\": \"offline\"}");

        var result = await _fixture.Evaluate(Check(each: "receipts/*.json", infeasibleWhen: [FieldEquals("kind", "infeasible")]));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Contains("infeasible record", result.Message);
    }

    [Fact]
    public async Task Preflight_paths_resolve_against_the_runbook_folder()
    {
        _fixture.Write("config/strobe.json", "{\"duty\": {\"burst\": 0.2}}", inEvidence: false);
        var check = Check(file: "config/strobe.json", expect: [Field("duty.burst", Is(MatcherKind.Max, Number("0.25")))]) with { Phase = Phase.Preflight };

        var result = await _fixture.Evaluate(check);

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Each_over_many_documents_reports_them_in_path_order()
    {
        for (var i = 0; i < 200; i++)
        {
            _fixture.Write($"receipts/r{i:D3}.json", i % 50 == 7 ? "{\"status\": \"FAIL\"}" : "{\"status\": \"PASS\"}");
        }

        var result = await _fixture.Evaluate(Check(each: "receipts/*.json"));

        Assert.Equal(
            ["receipts/r007.json", "receipts/r057.json", "receipts/r107.json", "receipts/r157.json"],
            result.Findings.Select(f => f.Message.Split(':')[0]));
    }
}
