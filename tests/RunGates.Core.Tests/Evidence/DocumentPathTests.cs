using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;

namespace RunGates.Core.Tests.Evidence;

/// <summary><c>*~</c>: a last step selecting the keys of an object (CVN's charter values keyed by value name).</summary>
public sealed class DocumentPathTests : IDisposable
{
    private const string Json = "{\n  \"values\": {\n    \"power\": 0.8,\n    \"tbd\": 1\n  },\n  \"known\": [\"power\", \"capacity\"]\n}";
    private const string Yaml = "values:\n  power: 0.8\n  tbd: 1\nknown: [power, capacity]\n";

    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    [Fact]
    public void A_keys_step_parses_only_as_the_last_step()
    {
        Assert.True(DocumentPath.Parse("values.*~").Segments[^1].IsKeys);
        Assert.True(DocumentPath.Parse("*~").EndsInSelection);
        Assert.False(DocumentPath.TryParse("values.*~.x", out _, out var error));
        Assert.Contains("'*~'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_key_must_meet_the_matchers_and_a_failing_key_is_reported_at_its_entry()
    {
        var (passed, _) = await _gates.Both(Json.Replace("tbd", "capacity", StringComparison.Ordinal), Yaml.Replace("tbd", "capacity", StringComparison.Ordinal), "{ \"values.*~\": { in-field: known } }");
        var (json, yaml) = await _gates.Both(Json, Yaml, "{ \"values.*~\": { in-field: known } }");

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal("values.*~ is \"tbd\", expected one of known (\"power\", \"capacity\")", json.Message);
        Assert.Equal(4, json.Findings[0].Position!.Line);
        Assert.Equal(3, yaml.Findings[0].Position!.Line);
    }

    [Fact]
    public async Task At_under_a_keys_step_is_the_key_and_count_counts_the_keys()
    {
        var (equal, _) = await _gates.Both(Json, Yaml, "{ \"values.*~\": { not-equal-field: \"@\" } }");
        var (counted, _) = await _gates.Both(Json, Yaml, "{ \"values.*~\": { count: { min: 3 } } }");

        Assert.Equal(Outcome.Failed, equal.Outcome);
        Assert.Equal(Outcome.Failed, counted.Outcome);
        Assert.StartsWith("values.*~ selects 2 elements, expected a count >= 3", counted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_of_a_present_non_object_fail_whatever_the_matchers_and_of_an_empty_object_hold()
    {
        var (array, _) = await _gates.Both("{\"values\": [\"x\"]}", "values: [x]\n", "{ \"values.*~\": { not-in: [y] } }");
        var (empty, _) = await _gates.Both("{\"values\": {}}", "values: {}\n", "{ \"values.*~\": { in: [y] } }");

        Assert.Equal(Outcome.Failed, array.Outcome);
        Assert.Equal("values.*~: *~ meets an array of 1 item, expected an object", array.Message);
        Assert.Equal(Outcome.Passed, empty.Outcome);
    }

    [Fact]
    public async Task A_reference_may_select_keys_in_another_document()
    {
        _gates.Files.Write("handoff.yml", "reviewer_status: { power: approved, capacity: approved }\n");
        const string Expect = "{ value_name: { in-field: { file: handoff.yml, path: \"reviewer_status.*~\" } } }";

        var (passed, _) = await _gates.Both("{\"value_name\": \"power\"}", "value_name: power\n", Expect);
        var (failed, _) = await _gates.Both("{\"value_name\": \"mapping\"}", "value_name: mapping\n", Expect);

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal(Outcome.Failed, failed.Outcome);
        Assert.Contains("expected one of handoff.yml#reviewer_status.*~ (\"power\", \"capacity\")", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"values.*~.x\": { exists: true } }")]
    [InlineData("{ a: { equals-field: \"values.*~.x\" } }")]
    public void A_keys_step_that_is_not_last_is_RG1023_at_its_position(string expect)
    {
        var error = Assert.Single(_gates.Errors($"  - {{ id: g, file: d.json, expect: {expect} }}\n"));

        Assert.Equal(DiagnosticCatalog.KeysNotLast, error.Diagnostic);
        Assert.Equal(4, error.Position.Line);
        Assert.Contains("values.*~.x", error.Message, StringComparison.Ordinal);
    }
}
