using RunGates.Core.Checks;

namespace RunGates.Core.Tests.Evidence;

public sealed class CountMatcherTests : IDisposable
{
    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    [Fact]
    public async Task Count_is_over_an_arrays_items_or_an_objects_properties()
    {
        var (passed, _) = await _gates.Both("{\"commands\": [1, 2], \"meta\": {\"a\": 1}}", "commands: [1, 2]\nmeta: { a: 1 }\n", "{ commands: { count: { min: 1, max: 2 } }, meta: { count: { equals: 1 } } }");
        var (failed, yaml) = await _gates.Both("{\"commands\": []}", "commands: []\n", "{ commands: { count: { min: 1 } } }");

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal("commands is an array of 0 items, expected a count >= 1: the count is 0, expected >= 1", failed.Message);
        Assert.Equal((1, 11), (yaml.Findings[0].Position!.Line, yaml.Findings[0].Position!.Column));
    }

    [Fact]
    public async Task Count_fails_on_a_scalar_and_on_an_absent_value()
    {
        var (scalar, _) = await _gates.Both("{\"commands\": 3}", "commands: 3\n", "{ commands: { count: { max: 5 } } }");
        var (absent, _) = await _gates.Both("{}", "{}\n", "{ commands: { count: { max: 5 } } }");

        Assert.Equal("commands is 3, expected a count <= 5: it is not an array or object", scalar.Message);
        Assert.Equal("commands is absent, expected a count <= 5", absent.Message);
    }

    [Fact]
    public async Task Count_takes_references_for_its_bounds()
    {
        _gates.Files.Write("config/governance-policy.json", "{\"safe_threshold\": 2}", inEvidence: false);
        const string Expect = "{ signatures: { count: { min-field: { file: spec:config/governance-policy.json, path: safe_threshold } } } }";

        var (passed, _) = await _gates.Both("{\"signatures\": [\"a\", \"b\"]}", "signatures: [a, b]\n", Expect);
        var (failed, _) = await _gates.Both("{\"signatures\": [\"a\"]}", "signatures: [a]\n", Expect);

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Contains("expected a count >= spec:config/governance-policy.json#safe_threshold (2)", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_over_a_final_wildcard_counts_the_elements_it_selects()
    {
        var (json, _) = await _gates.Both("{\"runs\": [{\"a\": [1]}, {\"a\": []}]}", "runs:\n  - a: [1]\n  - a: []\n", "{ \"runs[*]\": { count: { equals: 2 } }, \"runs[*].a\": { count: { min: 1 } } }");

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal("runs[1].a is an array of 0 items, expected a count >= 1: the count is 0, expected >= 1", json.Message);
    }

    [Fact]
    public void Count_must_be_a_matcher_map_and_stand_alone_over_a_selection()
    {
        var notMap = Assert.Single(_gates.Errors("  - { id: g, file: d.json, expect: { a: { count: 3 } } }\n"));
        var beside = Assert.Single(_gates.Errors("  - { id: g, file: d.json, expect: { \"a[*]\": { count: { min: 1 }, type: object } } }\n"));

        Assert.Equal("RG1022", notMap.Diagnostic.Code);
        Assert.Equal("RG1022", beside.Diagnostic.Code);
        Assert.Contains("found it beside type", beside.Message, StringComparison.Ordinal);
    }
}
