using RunGates.Core.Checks;

namespace RunGates.Core.Tests.Evidence;

public sealed class DistinctMatcherTests : IDisposable
{
    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    [Fact]
    public async Task Two_items_with_the_same_value_fail_at_the_array_naming_both_JSON_and_YAML_alike()
    {
        const string Expect = "{ signatures: { count: { min: 2 }, distinct: signer } }";
        var (passed, _) = await _gates.Both("{\"signatures\": [{\"signer\": \"a\"}, {\"signer\": \"b\"}]}", "signatures:\n  - signer: a\n  - signer: b\n", Expect);
        var (json, yaml) = await _gates.Both("{\"signatures\": [{\"signer\": \"a\"}, {\"signer\": \"a\"}]}", "signatures:\n  - signer: a\n  - signer: a\n", Expect);

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal(json.Message, yaml.Message);
        Assert.Contains("expected items that differ in signer: items 0 and 1 have the same signer, \"a\"", json.Message, StringComparison.Ordinal);
        Assert.Equal((1, 16), (json.Findings[0].Position!.Line, json.Findings[0].Position!.Column));
        Assert.Equal((2, 3), (yaml.Findings[0].Position!.Line, yaml.Findings[0].Position!.Column));
    }

    [Theory]
    [InlineData("[1, 1.0]", "items 0 and 1 have the same value, 1.0")]
    [InlineData("[\"42\", 42]", "items 0 and 1 have the same value, 42")]
    [InlineData("[{\"a\": 1}, {\"a\": 1}]", "items 0 and 1 have the same value")]
    [InlineData("[null, null]", "items 0 and 1 have the same value, null")]
    public async Task Items_themselves_compare_as_the_matchers_do(string items, string why)
    {
        var (failed, _) = await _gates.Both("{\"x\": " + items + "}", "x: " + items + "\n", "{ x: { distinct: \"@\" } }");

        Assert.Equal(Outcome.Failed, failed.Outcome);
        Assert.Contains(why, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_values_of_other_kinds_pass_and_null_differs_from_the_string_null()
    {
        var (passed, _) = await _gates.Both("{\"x\": [1, 2, \"1.0\", null, \"null\", [1], {\"a\": 2}]}", "x: [1, 2, \"1.0\", null, \"null\", [1], {a: 2}]\n", "{ x: { distinct: \"@\" } }");

        Assert.Equal(Outcome.Passed, passed.Outcome);
    }

    [Fact]
    public async Task An_item_without_the_value_a_scalar_and_an_absent_array_fail()
    {
        var (unsigned, _) = await _gates.Both("{\"s\": [{\"signer\": \"a\"}, {}]}", "s:\n  - signer: a\n  - {}\n", "{ s: { distinct: signer } }");
        var (scalar, _) = await _gates.Both("{\"s\": \"a\"}", "s: a\n", "{ s: { distinct: signer } }");
        var (absent, _) = await _gates.Both("{}", "{}\n", "{ s: { distinct: signer } }");

        Assert.Contains("item 1 has no signer", unsigned.Message, StringComparison.Ordinal);
        Assert.Contains("it is not an array", scalar.Message, StringComparison.Ordinal);
        Assert.Equal("s is absent, expected items that differ in signer", absent.Message);
    }

    [Fact]
    public void Distinct_must_name_one_value_inside_each_item()
    {
        var many = Assert.Single(_gates.Errors("  - { id: g, file: d.json, expect: { s: { distinct: \"a[*].b\" } } }\n"));
        var map = Assert.Single(_gates.Errors("  - { id: g, file: d.json, expect: { s: { distinct: { path: a } } } }\n"));

        Assert.Equal("RG1013", many.Diagnostic.Code);
        Assert.Contains("which selects many", many.Message, StringComparison.Ordinal);
        Assert.Equal("RG1003", map.Diagnostic.Code);
    }
}
