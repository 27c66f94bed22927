using RunGates.Core.Checks;

namespace RunGates.Core.Tests.Evidence;

/// <summary>One rule for absent values in expect, when, infeasible-when and filters: only negative tests hold on them.</summary>
public sealed class AbsentRuleTests : IDisposable
{
    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    [Theory]
    [InlineData("{ exists: false }", true)]
    [InlineData("{ not: superseded }", true)]
    [InlineData("{ not-in: [a, b] }", true)]
    [InlineData("{ not-equal-field: other }", true)]
    [InlineData("{ not-in-field: list }", true)]
    [InlineData("{ not-equal-field: gone }", false)]
    [InlineData("{ exists: true }", false)]
    [InlineData("{ equals: x }", false)]
    [InlineData("{ in: [x] }", false)]
    [InlineData("{ min: 0 }", false)]
    [InlineData("{ matches: '.*' }", false)]
    [InlineData("{ type: string }", false)]
    [InlineData("{ equals-field: other }", false)]
    [InlineData("{ in-field: list }", false)]
    [InlineData("{ count: { min: 0 } }", false)]
    [InlineData("{ not: x, exists: true }", false)]
    public async Task Only_negative_matchers_hold_on_an_absent_value_and_a_reference_must_still_resolve(string matchers, bool holds)
    {
        var (json, _) = await _gates.Both("{\"other\": 1, \"list\": [1]}", "other: 1\nlist: [1]\n", $"{{ status: {matchers} }}");

        Assert.True((json.Outcome == Outcome.Passed) == holds, json.Message);
    }

    [Fact]
    public async Task When_not_includes_records_that_have_no_such_field()
    {
        _gates.Files.Write("d/a.json", "{\"value\": 1}");
        _gates.Files.Write("d/b.json", "{\"status\": \"superseded\", \"value\": 2}");
        var runbook = _gates.Load("  - { id: g, each: d/*.json, expect: { value: 1 }, when: { status: { not: superseded } } }\n");

        var evaluation = await runbook.Gates[0].EvaluateAsync(_gates.Files.Context(), CancellationToken.None);

        Assert.Equal(Outcome.Passed, evaluation.Outcome);
        Assert.Equal("1 document matching d/*.json holds (1 skipped by when)", evaluation.Message);
    }

    [Fact]
    public async Task None_of_holds_on_absent_values_and_exists_true_is_how_a_field_is_required()
    {
        var (none, _) = await _gates.Both("{}", "{}\n", "{ none-of: [ { status: BLOCK } ] }");
        var (required, _) = await _gates.Both("{}", "{}\n", "{ status: { exists: true, not: BLOCK } }");

        Assert.Equal(Outcome.Passed, none.Outcome);
        Assert.Equal("status is absent, expected present", required.Message);
    }
}
