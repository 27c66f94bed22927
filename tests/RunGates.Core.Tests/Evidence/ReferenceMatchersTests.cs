using RunGates.Core.Checks;

namespace RunGates.Core.Tests.Evidence;

public sealed class ReferenceMatchersTests : IDisposable
{
    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    [Fact]
    public async Task Equals_field_passes_on_the_same_value_and_fails_at_the_value_naming_the_other()
    {
        var (passed, _) = await _gates.Both("{\"a\": \"x\", \"b\": \"x\"}", "a: x\nb: x\n", "{ a: { equals-field: b } }");
        Assert.Equal(Outcome.Passed, passed.Outcome);

        var (json, yaml) = await _gates.Both("{\n  \"a\": \"x\",\n  \"b\": \"y\"\n}", "a: x\nb: y\n", "{ a: { equals-field: b } }");

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal("a is \"x\", expected equal to b (\"y\")", json.Message);
        Assert.Equal((2, 8), (json.Findings[0].Position!.Line, json.Findings[0].Position!.Column));
        Assert.Equal((1, 4), (yaml.Findings[0].Position!.Line, yaml.Findings[0].Position!.Column));
    }

    [Fact]
    public async Task Min_field_and_max_field_compare_with_a_value_in_a_spec_file()
    {
        _gates.Files.Write("config/policy.json", "{\"safe_threshold\": 3, \"ceiling\": 10}", inEvidence: false);
        const string Expect = "{ signatures: { min-field: { file: spec:config/policy.json, path: safe_threshold }, max-field: { file: spec:config/policy.json, path: ceiling } } }";

        var (passed, _) = await _gates.Both("{\"signatures\": 3}", "signatures: 3\n", Expect);
        var (failed, _) = await _gates.Both("{\"signatures\": 2}", "signatures: 2\n", Expect);

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal("signatures is 2, expected >= spec:config/policy.json#safe_threshold (3)", failed.Message);
    }

    [Fact]
    public async Task In_field_takes_the_items_of_the_one_array_named_and_not_in_field_every_value_a_selection_names()
    {
        const string Json = "{\"allowed\": [\"a\", \"b\"], \"used\": \"b\", \"banned\": [{\"n\": \"c\"}, {\"n\": \"d\"}]}";
        const string Yaml = "allowed: [a, b]\nused: b\nbanned: [{n: c}, {n: d}]\n";

        var (passed, _) = await _gates.Both(Json, Yaml, "{ used: { in-field: allowed, not-in-field: \"banned[*].n\" } }");
        var (failed, _) = await _gates.Both(Json.Replace("\"used\": \"b\"", "\"used\": \"d\"", StringComparison.Ordinal), Yaml.Replace("used: b", "used: d", StringComparison.Ordinal), "{ used: { not-in-field: \"banned[*].n\" } }");

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal("used is \"d\", expected none of banned[*].n (\"c\", \"d\")", failed.Message);
    }

    [Fact]
    public async Task At_names_the_element_under_test()
    {
        const string Json = "{\"panels\": [{\"scale\": 2, \"expected\": 2}, {\"scale\": 3, \"expected\": 4}]}";
        const string Yaml = "panels:\n  - { scale: 2, expected: 2 }\n  - { scale: 3, expected: 4 }\n";

        var (json, yaml) = await _gates.Both(Json, Yaml, "{ \"panels[*].scale\": { equals-field: \"@.expected\" } }");

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal("panels[1].scale is 3, expected equal to @.expected (4)", json.Message);
        Assert.Equal((3, 14), (yaml.Findings[0].Position!.Line, yaml.Findings[0].Position!.Column));
    }

    [Fact]
    public async Task A_reference_that_names_nothing_fails_every_matcher_negative_ones_included_with_its_own_position()
    {
        var (json, _) = await _gates.Both("{\"a\": \"x\"}", "a: x\n", "{ a: { not-equal-field: missing } }");

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal("a is \"x\", expected different from missing: missing is absent (rungates.yml line 4, column 60)", json.Message);
    }

    [Theory]
    [InlineData("when")]
    [InlineData("infeasible-when")]
    public async Task A_when_that_cannot_be_decided_for_want_of_a_reference_fails_the_check_instead_of_skipping(string key)
    {
        _gates.Files.Write("d.json", "{\"status\": \"FAIL\", \"tier\": \"C\"}");

        var evaluation = await _gates.Expect("d.json", "{ status: PASS }", $"{key}: {{ tier: {{ equals-field: {{ file: spec:policy.json, path: tier }} }} }}");

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.StartsWith($"{key} cannot be decided: spec:policy.json#tier: ", evaluation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_naming_several_values_is_ambiguous()
    {
        var (json, _) = await _gates.Both("{\"a\": 1, \"l\": [1, 2]}", "a: 1\nl: [1, 2]\n", "{ a: { equals-field: \"l[*]\" } }");

        Assert.Contains("l[*] is ambiguous: 2 values (rungates.yml line 4", json.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evidence_file_reference_reads_another_document_and_a_missing_one_is_named()
    {
        _gates.Files.Write("expected.yml", "seed: 42\n");
        _gates.Files.Write("d.json", "{\"seed\": 42}");

        var passed = await _gates.Expect("d.json", "{ seed: { equals-field: { file: expected.yml, path: seed } } }");
        var missing = await _gates.Expect("d.json", "{ seed: { equals-field: { file: gone.yml, path: seed } } }");

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal(Outcome.Failed, missing.Outcome);
        Assert.Matches(@"expected equal to gone\.yml#seed: gone\.yml#seed: .*gone\.yml does not exist \(rungates\.yml line 4", missing.Message);
    }

    [Fact]
    public async Task A_reference_file_reached_through_a_link_out_of_the_evidence_folder_is_refused_with_RG4004()
    {
        var outside = Path.Combine(_gates.Files.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.json"), "{\"seed\": 42}");
        Directory.CreateSymbolicLink(Path.Combine(_gates.Files.Evidence, "link"), outside);
        _gates.Files.Write("d.json", "{\"seed\": 42}");

        var evaluation = await _gates.Expect("d.json", "{ seed: { equals-field: { file: link/secret.json, path: seed } } }");

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("RG4004", evaluation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("42)", evaluation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_reference_reads_this_runs_run_json()
    {
        _gates.Files.Bundle = Path.Combine(_gates.Files.Root, "out", "r1");
        Directory.CreateDirectory(_gates.Files.Bundle);
        File.WriteAllText(Path.Combine(_gates.Files.Bundle, "run.json"), "{\"seed\": \"7\"}");
        _gates.Files.Write("d.json", "{\"seed\": 7, \"other\": 8}");

        Assert.Equal(Outcome.Passed, (await _gates.Expect("d.json", "{ seed: { equals-field: { file: run, path: seed } } }")).Outcome);
        Assert.Equal(Outcome.Failed, (await _gates.Expect("d.json", "{ other: { equals-field: { file: run, path: seed } } }")).Outcome);
    }

    [Fact]
    public async Task Numbers_compare_exactly_beyond_double()
    {
        var (json, _) = await _gates.Both("{\"a\": 9007199254740993, \"b\": 9007199254740992}", "a: 9007199254740993\nb: 9007199254740992\n", "{ a: { equals-field: b } }");
        var (bigger, _) = await _gates.Both("{\"a\": 9007199254740993, \"b\": 9007199254740992}", "a: 9007199254740993\nb: 9007199254740992\n", "{ a: { min-field: b }, b: { max-field: a } }");

        Assert.Equal(Outcome.Failed, json.Outcome);
        Assert.Equal(Outcome.Passed, bigger.Outcome);
    }
}
