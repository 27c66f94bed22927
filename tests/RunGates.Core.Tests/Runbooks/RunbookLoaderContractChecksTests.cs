using RunGates.Core.Checks;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>The loader on the checks helper's constructs: complete ledgers, <c>infeasible: {counts-as}</c>, <c>covers:</c>.</summary>
public sealed class RunbookLoaderContractChecksTests
{
    private static string Gate(string gate) => $"version: 1\nname: x\ngates:\n  - {gate}\n";

    private static RunbookError Single(string yaml) => Assert.Single(RunbookFolder.ErrorsOf(yaml));

    private static void AssertAt(RunbookError error, string code, int line, int column)
    {
        Assert.Equal(code, error.Diagnostic.Code);
        Assert.Equal((line, column), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Ledger_map_loads_every_setting()
    {
        var check = Assert.IsType<LedgerCheck>(Assert.Single(RunbookFolder.LoadOf(Gate(
            "{ id: g, ledger: { file: b/artifact_index.json, root: b, format: json, entries: \"artifacts[*]\", path: file, sha256: digest, unlisted: fail, exclude: [\"**/*.log\"] } }")).Gates));

        Assert.Equal(("b/artifact_index.json", "b", true, LedgerFormat.Json), (check.Ledger, check.Root, check.FailUnlisted, check.Format));
        Assert.Equal(("artifacts[*]", "file", "digest"), (check.Entries!.Text, check.EntryPath.Text, check.EntrySha256.Text));
        Assert.Equal(["**/*.log"], check.Exclude);
    }

    [Fact]
    public void Ledger_string_form_is_unchanged()
    {
        var check = Assert.IsType<LedgerCheck>(Assert.Single(RunbookFolder.LoadOf(Gate("{ id: g, ledger: reports/SHA256SUMS }")).Gates));

        Assert.Equal(("reports/SHA256SUMS", false, LedgerFormat.Sha256Sum, null), (check.Ledger, check.FailUnlisted, check.Format, check.Entries));
    }

    [Fact]
    public void Ledger_map_unknown_key_suggests_the_closest()
    {
        var error = Single(Gate("{ id: g, ledger: { file: SHA256SUMS, unlistd: fail } }"));

        AssertAt(error, "RG1002", 4, 42);
        Assert.Equal("Did you mean 'unlisted'?", error.Hint);
    }

    [Fact]
    public void Ledger_unlisted_value_must_be_fail_or_ignore()
    {
        var error = Single(Gate("{ id: g, ledger: { file: SHA256SUMS, unlisted: fial } }"));

        AssertAt(error, "RG1010", 4, 52);
        Assert.Equal("expected fail or ignore for unlisted, found 'fial'", error.Message);
        Assert.Equal("Did you mean 'fail'?", error.Hint);
    }

    [Fact]
    public void Ledger_json_keys_without_format_json_are_RG1030()
    {
        var error = Single(Gate("{ id: g, ledger: { file: index.json, entries: \"files[*]\" } }"));

        AssertAt(error, "RG1030", 4, 42);
        Assert.Equal("expected 'entries' only with format: json, found it in a sha256sum ledger", error.Message);
    }

    [Fact]
    public void Ledger_format_json_without_entries_is_RG1030()
    {
        var error = Single(Gate("{ id: g, ledger: { file: index.json, format: json } }"));

        AssertAt(error, "RG1030", 4, 22);
        Assert.StartsWith("expected 'entries'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_entry_field_with_a_wildcard_is_RG1030()
    {
        var error = Single(Gate("{ id: g, ledger: { file: index.json, format: json, entries: files, path: \"a[*]\" } }"));

        AssertAt(error, "RG1030", 4, 78);
    }

    [Fact]
    public void Ledger_map_needs_a_file()
    {
        var error = Single(Gate("{ id: g, ledger: { unlisted: fail } }"));

        AssertAt(error, "RG1004", 4, 22);
    }

    private const string Records = "{ id: g, each: \"r/*.json\", expect: { status: PASS }, infeasible-when: { status: INFEASIBLE }";

    [Theory]
    [InlineData("", InfeasibleCountsAs.Incomplete)]
    [InlineData(", infeasible: { counts-as: incomplete }", InfeasibleCountsAs.Incomplete)]
    [InlineData(", infeasible: { counts-as: passed }", InfeasibleCountsAs.Passed)]
    public void Infeasible_counts_as_loads_with_incomplete_as_the_default(string setting, InfeasibleCountsAs expected)
    {
        var check = Assert.Single(RunbookFolder.LoadOf(Gate(Records + setting + " }")).Gates);

        Assert.Equal(expected, check.InfeasibleCountsAs);
    }

    [Fact]
    public void Infeasible_without_infeasible_when_is_RG1031()
    {
        var error = Single(Gate("{ id: g, file: r.json, expect: { status: PASS }, infeasible: { counts-as: passed } }"));

        AssertAt(error, "RG1031", 4, 54);
        Assert.Equal("expected 'infeasible' only beside 'infeasible-when' in check 'g', found it alone", error.Message);
    }

    [Fact]
    public void Infeasible_counts_as_value_suggests_the_closest()
    {
        var error = Single(Gate(Records + ", infeasible: { counts-as: pased } }"));

        AssertAt(error, "RG1010", 4, 124);
        Assert.Equal("Did you mean 'passed'?", error.Hint);
    }

    [Fact]
    public void Infeasible_unknown_key_suggests_counts_as()
    {
        var error = Single(Gate(Records + ", infeasible: { count-as: passed } }"));

        Assert.Equal("RG1002", error.Diagnostic.Code);
        Assert.Equal("Did you mean 'counts-as'?", error.Hint);
    }

    [Fact]
    public void Infeasible_on_a_kind_without_infeasible_when_is_an_unknown_key()
    {
        var error = Single(Gate("{ id: g, files: [a], infeasible: { counts-as: passed } }"));

        Assert.Equal("RG1002", error.Diagnostic.Code);
        Assert.Contains("belongs to expect checks", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Covers_loads_literal_values_and_every_source_form()
    {
        var check = Assert.IsType<CoversCheck>(Assert.Single(RunbookFolder.LoadOf(Gate(
            "{ id: g, covers: { values: [a, 2], by: [ { each: \"d/*.yaml\", key: name, where: { status: { not: superseded } } }, { file: \"spec:p.json\", path: \"items[*]\", key: id } ] } }")).Gates));

        Assert.Equal(["\"a\"", "2"], check.Values!.Select(v => v.Display()));
        Assert.Equal(("d/*.yaml", "name", 1), (check.By[0].Each, check.By[0].Key.Text, check.By[0].Where.Count));
        Assert.Equal(("spec:p.json#items[*]", "id"), (check.By[1].Records!.Text, check.By[1].Key.Text));
    }

    [Fact]
    public void Covers_values_from_a_reference_and_a_single_source_load()
    {
        var check = Assert.IsType<CoversCheck>(Assert.Single(RunbookFolder.LoadOf(Gate(
            "{ id: g, covers: { values: { file: \"spec:story.yml\", path: \"required[*]\" }, by: { each: \"d/*.yaml\", key: name } } }")).Gates));

        Assert.Equal("spec:story.yml#required[*]", check.ValuesFrom!.Text);
        Assert.Single(check.By);
    }

    [Theory]
    [InlineData("{ id: g, covers: { by: { each: a, key: k } } }", "RG1032", 22, "expected a 'values' key")]
    [InlineData("{ id: g, covers: { values: [a] } }", "RG1032", 22, "expected a 'by' key")]
    [InlineData("{ id: g, covers: { values: [], by: { each: a, key: k } } }", "RG1032", 32, "expected at least one value")]
    [InlineData("{ id: g, covers: { values: a, by: { each: a, key: k } } }", "RG1032", 32, "expected a list of values or { file, path }")]
    [InlineData("{ id: g, covers: { values: [a], by: [] } }", "RG1032", 41, "expected at least one source")]
    [InlineData("{ id: g, covers: { values: [a], by: { each: a } } }", "RG1032", 41, "expected a 'key'")]
    [InlineData("{ id: g, covers: { values: [a], by: { each: a, file: b, key: k } } }", "RG1032", 58, "expected exactly one of each or file")]
    [InlineData("{ id: g, covers: { values: [a], by: { key: k } } }", "RG1032", 41, "expected exactly one of each or file")]
    [InlineData("{ id: g, covers: { values: [a], by: { each: a, path: p, key: k } } }", "RG1032", 58, "expected path only beside file")]
    [InlineData("{ id: g, covers: { values: [a], by: { file: b.json, key: k } } }", "RG1032", 41, "expected a 'path' selecting the records")]
    [InlineData("{ id: g, covers: { values: [[a]], by: { each: a, key: k } } }", "RG1032", 33, "expected a value (a string or number)")]
    [InlineData("{ id: g, covers: { values: { file: x.json }, by: { each: a, key: k } } }", "RG1017", 32, "expected both file and path")]
    public void Covers_malformed_is_rejected_at_the_offending_node(string gate, string code, int column, string message)
    {
        var error = Single(Gate(gate));

        AssertAt(error, code, 4, column);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Covers_source_unknown_key_suggests_where()
    {
        var error = Single(Gate("{ id: g, covers: { values: [a], by: { each: a, key: k, wher: { s: x } } } }"));

        Assert.Equal("RG1002", error.Diagnostic.Code);
        Assert.Equal("Did you mean 'where'?", error.Hint);
    }

    [Fact]
    public void Covers_reading_run_json_in_pre_flight_is_RG1019()
    {
        var error = Single("version: 1\nname: x\npreflight:\n  - { id: g, covers: { values: [a], by: { file: run, path: \"steps[*]\", key: id } } }\n");

        Assert.Equal("RG1019", error.Diagnostic.Code);
    }

    [Theory]
    [InlineData("{ id: g, ledger: { file: ../SHA256SUMS } }", 30)]
    [InlineData("{ id: g, ledger: { file: SHA256SUMS, root: /etc } }", 48)]
    public void Ledger_map_file_or_root_leaving_the_evidence_is_RG1040(string gate, int column)
    {
        var error = Single(Gate(gate));

        AssertAt(error, "RG1040", 4, column);
    }
}
