using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Tests.Evidence;

public sealed class FilterEvaluatorTests : IDisposable
{
    private const string Json = """
        {
          "items": [
            { "id": "a", "status": "WARN", "resolved": true, "scope": "identity-math" },
            { "id": "b", "status": "WARN", "scope": "identity-math" },
            { "id": "c", "status": "PASS", "resolved": false },
            { "id": "d", "status": "WARN", "resolved": false, "level": 3 }
          ],
          "plan": { "scale": 2 },
          "panels": [ { "scale": 2 }, { "scale": 3 } ]
        }
        """;

    private const string Yaml = """
        items:
          - { id: a, status: WARN, resolved: true, scope: identity-math }
          - { id: b, status: WARN, scope: identity-math }
          - { id: c, status: PASS, resolved: false }
          - { id: d, status: WARN, resolved: false, level: 3 }
        plan: { scale: 2 }
        panels: [ { scale: 2 }, { scale: 3 } ]
        """;

    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    [Fact]
    public async Task A_filter_selects_the_elements_it_holds_for_and_each_must_match_at_its_own_position()
    {
        var (json, yaml) = await _gates.Both(Json, Yaml, "{ \"items[?status==WARN && resolved!=true].id\": { in: [b] } }");

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal("items[3].id is \"d\", expected one of \"b\"", json.Message);
        Assert.Equal((6, 13), (json.Findings[0].Position!.Line, json.Findings[0].Position!.Column));
        Assert.Equal((5, 11), (yaml.Findings[0].Position!.Line, yaml.Findings[0].Position!.Column));
    }

    [Theory]
    [InlineData("items[?status==WARN]", 3)]
    [InlineData("items[?status!=WARN]", 1)]
    [InlineData("items[?resolved]", 3)]
    [InlineData("items[?!resolved]", 1)]
    [InlineData("items[?resolved!=true]", 3)]
    [InlineData("items[?resolved==false]", 2)]
    [InlineData("items[?scope=='identity-math' && !(resolved==true)]", 1)]
    [InlineData("items[?status==PASS || level>=3]", 2)]
    [InlineData("items[?level<3]", 0)]
    [InlineData("items[?level>2.5]", 1)]
    [InlineData("items[?@.status==\"WARN\"]", 3)]
    [InlineData("items[?@.id==@.id]", 4)]
    [InlineData("items[?missing==x]", 0)]
    [InlineData("items[?missing!=x]", 4)]
    [InlineData("items[?status==$.absent]", 0)]
    [InlineData("items[?status!=$.absent]", 0)]
    [InlineData("panels[?scale != $.plan.scale]", 1)]
    [InlineData("panels[?scale == $.plan.scale]", 1)]
    public async Task Count_over_a_filter_counts_the_selected_elements_the_same_in_json_and_yaml(string path, int selected)
    {
        var (exact, _) = await _gates.Both(Json, Yaml, $"{{ \"{path.Replace("\"", "\\\"", StringComparison.Ordinal)}\": {{ count: {{ equals: {selected} }} }} }}");

        Assert.True(exact.Outcome == Outcome.Passed, exact.Message);
    }

    [Fact]
    public async Task A_filter_over_nothing_is_vacuous_and_count_is_how_a_runbook_requires_elements()
    {
        var (vacuous, _) = await _gates.Both(Json, Yaml, "{ \"items[?status==BLOCK].id\": { equals: never } }");
        var (counted, _) = await _gates.Both(Json, Yaml, "{ \"items[?status==WARN]\": { count: { max: 0 } } }");

        Assert.Equal(Outcome.Passed, vacuous.Outcome);
        Assert.Equal(Outcome.Failed, counted.Outcome);
        Assert.Equal("items[?status==WARN] selects 3 elements, expected a count <= 0: the count is 3, expected <= 0", counted.Message);
        Assert.Equal((2, 12), (counted.Findings[0].Position!.Line, counted.Findings[0].Position!.Column));
    }

    [Theory]
    [InlineData("{ \"plan[*].scale\": { not: 3 } }")]
    [InlineData("{ \"plan[?scale==2].scale\": { not-in: [3] } }")]
    [InlineData("{ \"plan[*]\": { count: { max: 5 } } }")]
    public async Task A_selection_that_meets_something_other_than_an_array_fails_even_a_negative_matcher(string expect)
    {
        var (json, yaml) = await _gates.Both(Json, Yaml, expect);

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Contains("meets an object with 1 key, expected an array", json.Message, StringComparison.Ordinal);
        Assert.Equal((8, 11), (json.Findings[0].Position!.Line, json.Findings[0].Position!.Column));
        Assert.Equal((6, 7), (yaml.Findings[0].Position!.Line, yaml.Findings[0].Position!.Column));
    }

    [Fact]
    public async Task Filters_apply_in_when_too()
    {
        var (json, _) = await _gates.Both(Json, Yaml, "{ plan.scale: 2 }", "when: { \"items[?status==PASS].resolved\": false }");

        Assert.Equal(Outcome.Passed, json.Outcome);
    }

    [Theory]
    [InlineData("items[?status=WARN]", "expected '==' (one '=' is not a comparison)")]
    [InlineData("items[?status==]", "expected a value after the operator, found the end")]
    [InlineData("items[?(status==WARN]", "expected ')'")]
    [InlineData("items[?$.a==1]", "expected a field of the element on the left")]
    [InlineData("items[?a[*]==1]", "must name one value")]
    [InlineData("items[?a=='x]", "is not closed")]
    public void A_malformed_filter_is_RG1020_at_its_key(string path, string problem)
    {
        var error = Assert.Single(_gates.Errors($"  - {{ id: g, file: d.json, expect: {{ \"{path}\": 1 }} }}\n"));

        Assert.Equal("RG1020", error.Diagnostic.Code);
        Assert.Equal((4, 38), (error.Position.Line, error.Position.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private const string Results = "{\n  \"results\": [\n    { \"lane\": \"scenario\", \"probe\": \"file-read\", \"observed\": \"deny\" },\n    { \"lane\": \"baseline\", \"probe\": \"file-read\", \"observed\": \"allow\" }\n  ]\n}";
    private const string Join = "{ decision: { equals-field: { file: results.json, path: \"results[?lane==^.lane && probe==^.probe].observed\" } } }";

    [Fact]
    public async Task A_join_compares_each_document_with_the_record_of_another_that_names_the_same_probe()
    {
        _gates.Files.Write("results.json", Results);

        var (passed, _) = await _gates.Both("{\"lane\": \"scenario\", \"probe\": \"file-read\", \"decision\": \"deny\"}", "lane: scenario\nprobe: file-read\ndecision: deny\n", Join);
        var (json, yaml) = await _gates.Both("{\n\"lane\": \"baseline\",\n\"probe\": \"file-read\",\n\"decision\": \"deny\"\n}", "lane: baseline\nprobe: file-read\ndecision: deny\n", Join);

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal("decision is \"deny\", expected equal to results.json#results[?lane==^.lane && probe==^.probe].observed (\"allow\")", json.Message);
        Assert.Equal(4, json.Findings[0].Position!.Line);
        Assert.Equal(3, yaml.Findings[0].Position!.Line);
    }

    [Fact]
    public async Task A_join_that_finds_no_record_fails_naming_the_reference_and_under_a_selection_outer_is_the_element()
    {
        _gates.Files.Write("results.json", Results);

        var (none, _) = await _gates.Both("{\"lane\": \"scenario\", \"probe\": \"mach-lookup\", \"decision\": \"deny\"}", "lane: scenario\nprobe: mach-lookup\ndecision: deny\n", Join);
        var (each, _) = await _gates.Both(
            "{\"lanes\": [{\"lane\": \"scenario\", \"probe\": \"file-read\", \"decision\": \"deny\"}, {\"lane\": \"baseline\", \"probe\": \"file-read\", \"decision\": \"deny\"}]}",
            "lanes:\n  - { lane: scenario, probe: file-read, decision: deny }\n  - { lane: baseline, probe: file-read, decision: deny }\n",
            Join.Replace("{ decision:", "{ \"lanes[*].decision\":", StringComparison.Ordinal));

        Assert.Equal(Outcome.Failed, none.Outcome);
        Assert.Contains("results[?lane==^.lane && probe==^.probe].observed is absent (rungates.yml line 4", none.Message, StringComparison.Ordinal);
        Assert.Equal(Outcome.Failed, each.Outcome);
        Assert.StartsWith("lanes[1].decision is \"deny\", expected equal to", Assert.Single(each.Findings).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"items[?id==^.id]\": { count: { max: 0 } } }")]
    [InlineData("{ a: { digest-of: \"items[?id==^.id].f\" } }")]
    public void Outer_outside_the_reference_of_a_field_matcher_is_RG1024(string expect)
    {
        var error = Assert.Single(_gates.Errors($"  - {{ id: g, file: d.json, expect: {expect} }}\n"));

        Assert.Equal(DiagnosticCatalog.OuterOutsideReference, error.Diagnostic);
        Assert.Equal(4, error.Position.Line);
    }
}
