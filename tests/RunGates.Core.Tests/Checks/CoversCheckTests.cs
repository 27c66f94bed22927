using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Tests.Checks;

/// <summary><c>covers:</c> loaded from rungates.yml and evaluated over evidence, with every uncovered value at its own position.</summary>
public sealed class CoversCheckTests : IDisposable
{
    private readonly LoadedGateFixture _fixture = new();

    private TempFolder Tree => _fixture.Tree;

    public void Dispose() => _fixture.Dispose();

    private void WriteDerivations()
    {
        Tree.Write("evidence/derivations/alpha.yaml", "value_name: alpha\nstatus: locked\n");
        Tree.Write("evidence/derivations/beta.yaml", "value_name: beta\nstatus: superseded\n");
        Tree.Write("evidence/derivations/gamma.yaml", "value_name: gamma\n");
    }

    [Fact]
    public async Task Every_literal_value_with_a_record_passes()
    {
        WriteDerivations();

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [alpha, beta, gamma], by: { each: \"derivations/*.yaml\", key: value_name } } }");

        Assert.Equal(Outcome.Passed, result.Outcome);
        Assert.Equal("all 3 values covered by 3 records", result.Message);
    }

    [Fact]
    public async Task Each_uncovered_literal_value_fails_at_its_own_position_in_rungates_yml()
    {
        WriteDerivations();

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [alpha, delta, gamma, omega], by: { each: \"derivations/*.yaml\", key: value_name } } }");

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal("2 of 4 values not covered: \"delta\", \"omega\"", result.Message);
        Assert.Equal(2, result.Findings.Count);
        Assert.StartsWith("\"delta\" is not covered: no record of each derivations/*.yaml by value_name has it", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal((Tree["rungates.yml"], 5, 40), (result.Findings[0].Position!.File, result.Findings[0].Position!.Line, result.Findings[0].Position!.Column));
        Assert.Equal((5, 54), (result.Findings[1].Position!.Line, result.Findings[1].Position!.Column));
    }

    [Fact]
    public async Task Where_follows_the_absent_rule_a_record_without_status_meets_not_superseded()
    {
        WriteDerivations();

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [alpha, beta, gamma], by: { each: \"derivations/*.yaml\", key: value_name, where: { status: { not: superseded } } } } }");

        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("\"beta\" is not covered: no record of each derivations/*.yaml by value_name where status", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_from_a_spec_yaml_file_fail_at_the_value_line_and_column_there()
    {
        WriteDerivations();
        Tree.Write("story.yml", "charter:\n  required_values:\n    - alpha\n    - zeta\n");

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: { file: \"spec:story.yml\", path: \"charter.required_values[*]\" }, by: { each: \"derivations/*.yaml\", key: value_name } } }");

        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("\"zeta\" is not covered", finding.Message, StringComparison.Ordinal);
        Assert.Equal((Tree["story.yml"], 4, 7), (finding.Position!.File, finding.Position.Line, finding.Position.Column));
    }

    private const string Proofs = """
        {
          "channels": [
            { "name": "gtt", "provenance": { "mode": "explicit" } },
            { "name": "ricci", "provenance": { "mode": "inferred" } }
          ]
        }
        """;

    [Fact]
    public async Task Records_in_one_json_document_count_only_when_they_meet_where()
    {
        Tree.Write("evidence/config.json", "{ \"strict\": [\"gtt\", \"ricci\", \"weyl\"] }");
        Tree.Write("evidence/proofs.json", Proofs);

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: { file: config.json, path: \"strict[*]\" }, by: { file: proofs.json, path: \"channels[*]\", key: name, where: { provenance.mode: explicit } } } }");

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(["\"ricci\"", "\"weyl\""], result.Findings.Select(f => f.Message[..f.Message.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.Equal((Tree["evidence/config.json"], 1, 21), (result.Findings[0].Position!.File, result.Findings[0].Position!.Line, result.Findings[0].Position!.Column));
    }

    [Fact]
    public async Task A_filter_selects_the_records_and_a_second_source_can_cover_what_the_first_does_not()
    {
        Tree.Write("evidence/proofs.json", Proofs);
        Tree.Write("evidence/waivers/ricci.json", "{ \"channel\": \"ricci\" }");

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [gtt, ricci], by: [ { file: proofs.json, path: \"channels[?provenance.mode==explicit]\", key: name }, { each: \"waivers/*.json\", key: channel } ] } }");

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Numbers_cover_by_value_as_equals_compares_them()
    {
        Tree.Write("evidence/runs.json", "{ \"runs\": [ { \"seed\": 7.0 }, { \"seed\": 11 } ] }");

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [7, 11, 13], by: { file: runs.json, path: \"runs[*]\", key: seed } } }");

        Assert.Equal("13 is not covered", Assert.Single(result.Findings).Message[..17]);
    }

    [Fact]
    public async Task A_values_file_that_does_not_exist_is_missing()
    {
        WriteDerivations();

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: { file: \"spec:story.yml\", path: \"required[*]\" }, by: { each: \"derivations/*.yaml\", key: value_name } } }");

        Assert.Equal(Outcome.Missing, result.Outcome);
        Assert.Contains("story.yml does not exist", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_values_path_that_selects_nothing_is_missing_not_a_vacuous_pass()
    {
        WriteDerivations();
        Tree.Write("story.yml", "charter: {}\n");

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: { file: \"spec:story.yml\", path: \"charter.required_values[*]\" }, by: { each: \"derivations/*.yaml\", key: value_name } } }");

        Assert.Equal(Outcome.Missing, result.Outcome);
        Assert.Contains("selects no values", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("charter: { required_values: [] }\n", "charter.required_values[*]")]
    [InlineData("charter: { required_values: {} }\n", "charter.required_values.*~")]
    public async Task A_values_list_written_down_empty_holds_vacuously_as_a_selection_over_nothing_does(string story, string path)
    {
        WriteDerivations();
        Tree.Write("story.yml", story);

        var result = await _fixture.EvaluateAsync($"{{ id: g, covers: {{ values: {{ file: \"spec:story.yml\", path: \"{path}\" }}, by: {{ each: \"derivations/*.yaml\", key: value_name }} }} }}");

        Assert.Equal(Outcome.Passed, result.Outcome);
        Assert.Contains("is an empty list: nothing to cover", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_that_selects_no_value_of_a_non_empty_list_is_still_missing()
    {
        WriteDerivations();
        Tree.Write("story.yml", "charter: { required_values: [a] }\n");

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: { file: \"spec:story.yml\", path: \"charter.required_values[?@==b]\" }, by: { each: \"derivations/*.yaml\", key: value_name } } }");

        Assert.Equal(Outcome.Missing, result.Outcome);
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_is_missing()
    {
        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [alpha], by: { each: \"derivations/*.yaml\", key: value_name } } }");

        Assert.Equal(Outcome.Missing, result.Outcome);
    }

    [Fact]
    public async Task An_unreadable_record_fails_since_it_might_have_covered_a_value()
    {
        WriteDerivations();
        Tree.Write("evidence/derivations/broken.yaml", "value_name: [unclosed\n");

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [alpha], by: { each: \"derivations/*.yaml\", key: value_name } } }");

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.StartsWith("derivations/broken.yaml:", Assert.Single(result.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_pre_flight_sources_resolve_against_the_runbook_folder_and_failures_are_RG2011()
    {
        Tree.Write("derivations/alpha.yaml", "value_name: alpha\n");

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [alpha, beta], by: { each: \"derivations/*.yaml\", key: value_name } } }", phase: "preflight");

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(("RG2011", "RG3011"), (DiagnosticCatalog.ForCheck(Phase.Preflight, "covers", Outcome.Failed).Code, DiagnosticCatalog.ForCheck(Phase.Gates, "covers", Outcome.Failed).Code));
    }

    [Fact]
    public async Task Where_paths_start_at_the_record_and_a_path_reference_at_the_document_root()
    {
        Tree.Write("evidence/proofs.json", """
            {
              "required_mode": "explicit",
              "channels": [
                { "name": "gtt", "provenance": { "mode": "explicit" } },
                { "name": "ricci", "provenance": { "mode": "inferred" } }
              ]
            }
            """);

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [gtt, ricci], by: { file: proofs.json, path: \"channels[*]\", key: name, where: { provenance.mode: { equals-field: required_mode, not-equal-field: \"@.name\" } } } } }");

        Assert.StartsWith("\"ricci\" is not covered", Assert.Single(result.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_linking_out_of_the_evidence_is_refused_not_read()
    {
        WriteDerivations();
        Tree.Write("outside/delta.yaml", "value_name: delta\n");
        File.CreateSymbolicLink(Tree["evidence/derivations/delta.yaml"], Tree["outside/delta.yaml"]);

        var result = await _fixture.EvaluateAsync("{ id: g, covers: { values: [alpha, delta], by: { each: \"derivations/*.yaml\", key: value_name } } }");

        Assert.Equal(Outcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.StartsWith("derivations/delta.yaml:", finding.Message, StringComparison.Ordinal);
        Assert.Contains("RG4004", finding.Message, StringComparison.Ordinal);
    }
}
