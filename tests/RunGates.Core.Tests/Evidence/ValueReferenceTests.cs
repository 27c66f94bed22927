using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Tests.Evidence;

/// <summary><c>{ file-name: base | name, strip-prefix: P }</c>: the tested document's own file name as a REF's value.</summary>
public sealed class ValueReferenceTests : IDisposable
{
    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    private async Task<CheckEvaluation> Each(string file, string text, string expect)
    {
        _gates.Files.Write(Path.Combine("derivations", file), text);
        var runbook = _gates.Load($"  - {{ id: g, each: \"derivations/*\", expect: {expect} }}\n");
        return await runbook.Gates[0].EvaluateAsync(_gates.Files.Context(), CancellationToken.None);
    }

    [Theory]
    [InlineData("power.yaml", "value_name: power\n")]
    [InlineData("power.json", "{\"value_name\": \"power\"}")]
    public async Task A_record_whose_field_equals_its_file_base_name_passes(string file, string text)
    {
        var evaluation = await Each(file, text, "{ value_name: { equals-field: { file-name: base } } }");

        Assert.Equal(Outcome.Passed, evaluation.Outcome);
    }

    [Theory]
    [InlineData("capacity.yaml", "value_name: power\n", 1, 13)]
    [InlineData("capacity.json", "{\n  \"value_name\": \"power\"\n}", 2, 17)]
    public async Task A_record_in_a_file_named_for_another_value_fails_at_its_field(string file, string text, int line, int column)
    {
        var evaluation = await Each(file, text, "{ value_name: { equals-field: { file-name: base } } }");

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("value_name is \"power\", expected equal to file-name:base (\"capacity\")", evaluation.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (evaluation.Findings[0].Position!.Line, evaluation.Findings[0].Position!.Column));
    }

    [Fact]
    public async Task Strip_prefix_removes_a_required_prefix_and_a_name_without_it_fails_saying_so()
    {
        const string Expect = "{ reason: { equals-field: { file-name: base, strip-prefix: INFEASIBLE- } } }";

        var typed = await Each("INFEASIBLE-cost-data.yaml", "reason: cost-data\n", Expect);
        File.Delete(Path.Combine(_gates.Files.Evidence, "derivations", "INFEASIBLE-cost-data.yaml"));
        var misnamed = await Each("cost-data.yaml", "reason: cost-data\n", Expect);

        Assert.Equal(Outcome.Passed, typed.Outcome);
        Assert.Equal(Outcome.Failed, misnamed.Outcome);
        Assert.Contains("the file name cost-data.yaml does not start with INFEASIBLE- followed by a value (rungates.yml line 4", misnamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_name_name_is_the_whole_name()
    {
        var evaluation = await Each("power.yaml", "file: power.yaml\n", "{ file: { equals-field: { file-name: name } } }");

        Assert.Equal(Outcome.Passed, evaluation.Outcome);
    }

    [Theory]
    [InlineData("{ a: { equals-field: { file-name: stem } } }", "RG1026")]
    [InlineData("{ a: { equals-field: { file-name: base, strip-prefix: \"\" } } }", "RG1026")]
    [InlineData("{ a: { digest-of: { file-name: base } } }", "RG1026")]
    [InlineData("{ a: { equals-field: { file-name: base, strip: X } } }", "RG1002")]
    public void A_malformed_file_name_reference_is_rejected_with_its_code(string expect, string code)
    {
        var error = Assert.Single(_gates.Errors($"  - {{ id: g, file: d.json, expect: {expect} }}\n"));

        Assert.Equal(code, error.Diagnostic.Code);
        Assert.Equal(4, error.Position.Line);
    }
}
