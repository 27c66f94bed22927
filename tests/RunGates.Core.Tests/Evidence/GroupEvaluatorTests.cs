using RunGates.Core.Checks;

namespace RunGates.Core.Tests.Evidence;

public sealed class GroupEvaluatorTests : IDisposable
{
    private const string AnyOf = "{ any-of: [ { artifact_path: { type: string } }, { mlflow_run_id: { type: string } } ] }";

    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    [Fact]
    public async Task Any_of_holds_when_one_alternative_does()
    {
        var (json, _) = await _gates.Both("{\"mlflow_run_id\": \"r1\"}", "mlflow_run_id: r1\n", AnyOf);

        Assert.Equal(Outcome.Passed, json.Outcome);
    }

    [Fact]
    public async Task A_failing_any_of_names_every_alternative_and_why_each_failed()
    {
        var (json, yaml) = await _gates.Both("{\n  \"artifact_path\": 3\n}", "artifact_path: 3\n", AnyOf);

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal("no alternative of any-of (rungates.yml line 4, column 38) holds: 1) artifact_path is 3, expected of type string | 2) mlflow_run_id is absent, expected of type string", json.Message);
        Assert.Equal((2, 20), (json.Findings[0].Position!.Line, json.Findings[0].Position!.Column));
        Assert.Equal((1, 16), (yaml.Findings[0].Position!.Line, yaml.Findings[0].Position!.Column));
    }

    [Fact]
    public async Task None_of_fails_naming_the_alternative_that_holds_and_holds_on_absent_values()
    {
        const string NoneOf = "{ none-of: [ { tier: C, eligible: true }, { value: TBD } ] }";

        var (failed, _) = await _gates.Both("{\"tier\": \"C\", \"eligible\": true}", "tier: C\neligible: true\n", NoneOf);
        var (absent, _) = await _gates.Both("{}", "{}\n", NoneOf);

        Assert.Equal(Outcome.Failed, failed.Outcome);
        Assert.StartsWith("none-of[1] (tier \"C\", eligible true) holds, expected none of the 2 alternatives of none-of", failed.Message, StringComparison.Ordinal);
        Assert.Equal(Outcome.Passed, absent.Outcome);
    }

    [Fact]
    public async Task None_of_is_not_passed_by_an_alternative_whose_reference_names_nothing()
    {
        var (json, _) = await _gates.Both("{\"tier\": \"C\"}", "tier: C\n", "{ none-of: [ { tier: { equals-field: { file: spec:gone.json, path: tier } } } ] }");

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Contains("none-of[1] cannot be decided: spec:gone.json#tier: ", json.Message, StringComparison.Ordinal);
        Assert.Contains("gone.json does not exist", json.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_nest_and_all_of_reports_its_alternatives_failures()
    {
        const string Nested = "{ all-of: [ { a: 1 }, { any-of: [ { b: 2 }, { c: 3 } ] } ] }";

        var (passed, _) = await _gates.Both("{\"a\": 1, \"c\": 3}", "a: 1\nc: 3\n", Nested);
        var (failed, _) = await _gates.Both("{\"a\": 2, \"c\": 3}", "a: 2\nc: 3\n", Nested);

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal("a is 2, expected 1", failed.Message);
    }

    [Fact]
    public async Task Groups_work_in_when_and_infeasible_when()
    {
        _gates.Files.Write("d.json", "{\"status\": \"INFEASIBLE\", \"reason\": \"no rig\"}");

        var skipped = await _gates.Expect("d.json", "{ status: PASS }", "when: { any-of: [ { kind: run }, { kind: plan } ] }");
        var infeasible = await _gates.Expect("d.json", "{ status: PASS }", "infeasible-when: { any-of: [ { status: INFEASIBLE }, { status: BLOCKED } ] }");

        Assert.Equal(Outcome.Passed, skipped.Outcome);
        Assert.Equal(Outcome.Infeasible, infeasible.Outcome);
    }

    [Theory]
    [InlineData("{ any-of: { a: 1 } }")]
    [InlineData("{ any-of: [] }")]
    [InlineData("{ none-of: [ a ] }")]
    public void A_group_that_is_not_a_list_of_maps_is_RG1021(string expect)
    {
        var error = Assert.Single(_gates.Errors($"  - {{ id: g, file: d.json, expect: {expect} }}\n"));

        Assert.Equal("RG1021", error.Diagnostic.Code);
    }
}
