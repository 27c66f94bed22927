namespace RunGates.Core.Tests.Runbooks;

/// <summary>A runbook's secrets at load: names derived from one are refused (RG1055), and no error shows a value.</summary>
public sealed class RunbookLoaderSecretTests
{
    private const string Value = "hunter2-secret-value";
    private static readonly Dictionary<string, string> Environment = new() { ["TOKEN"] = Value, ["SAME"] = Value };

    [Fact]
    public void A_seed_derived_from_a_secret_is_RG1055_at_its_line_naming_the_variable_not_the_value()
    {
        var error = Assert.Single(RunbookFolder.ErrorsOf("version: 1\nname: x\nsecrets: [TOKEN]\nrun:\n  id: \"{seed}\"\n  seed: ${TOKEN}\n", Environment));

        Assert.Equal("RG1055", error.Diagnostic.Code);
        Assert.Equal((6, 9), (error.Position.Line, error.Position.Column));
        Assert.Contains("run.seed", error.Message, StringComparison.Ordinal);
        Assert.Contains("TOKEN", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_holding_a_secrets_value_through_another_variable_is_refused()
    {
        var error = Assert.Single(RunbookFolder.ErrorsOf("version: 1\nname: x\nsecrets: [TOKEN]\ngates:\n  - { id: \"g-${SAME}\", files: [a] }\n", Environment));

        Assert.Equal("RG1055", error.Diagnostic.Code);
        Assert.Contains("the value of a secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_referenced_in_a_name_is_refused_even_when_it_is_too_short_to_mask()
    {
        var error = Assert.Single(RunbookFolder.ErrorsOf("version: 1\nname: x\nsecrets: [PIN]\nrun: { id: \"r-${PIN}\" }\n", new Dictionary<string, string> { ["PIN"] = "7" }));

        Assert.Equal("RG1055", error.Diagnostic.Code);
    }

    [Fact]
    public void Free_text_may_carry_a_secret_and_the_runbook_masks_it()
    {
        var runbook = RunbookFolder.LoadOf("version: 1\nname: x\nsecrets: [TOKEN]\ngates:\n  - { id: g, description: \"uses ${TOKEN}\", file: a.json, expect: { token: \"${TOKEN}\" } }\n", Environment);

        Assert.Equal("uses ***", runbook.Masker.Apply(runbook.Gates[0].Description!));
    }

    [Fact]
    public void Every_load_error_is_masked_even_when_the_secret_list_comes_after_it()
    {
        var errors = RunbookFolder.ErrorsOf("version: 1\nname: x\ngates:\n  - { id: g, severity: \"${TOKEN}\", files: [a] }\nsecrets: [TOKEN]\n", Environment);

        var error = Assert.Single(errors);
        Assert.Equal("RG1010", error.Diagnostic.Code);
        Assert.Contains("'***'", error.Message, StringComparison.Ordinal);
    }
}
