using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using RunGates.Core.Tests.Bundles;

namespace RunGates.Core.Tests.Evidence;

/// <summary><c>bundle:</c> references load strictly: committed, not invalidated, digests verified, the file listed.</summary>
public sealed class ReferenceResolverTests : IDisposable
{
    private const string Expect = "{ threshold: { equals-field: { file: bundle:LATEST/data/limits.json, path: threshold } } }";

    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    private string Bundles => Path.Combine(_gates.Files.Root, "out");

    private RunBundle Commit(string runId = "run-1")
    {
        var bundle = RunBundle.Open(Bundles, runId, BundleTestData.Manifest(runId));
        bundle.WriteFile("data/limits.json", "{\"threshold\": 5}");
        bundle.Commit(new BundleTestData.FixedTime(BundleTestData.Start));
        return bundle;
    }

    [Fact]
    public async Task A_committed_valid_bundle_is_read()
    {
        Commit();
        _gates.Files.Write("d.json", "{\"threshold\": 5}");

        Assert.Equal(Outcome.Passed, (await _gates.Expect("d.json", Expect)).Outcome);
        Assert.Equal(Outcome.Passed, (await _gates.Expect("d.json", Expect.Replace("LATEST", "run-1", StringComparison.Ordinal))).Outcome);
    }

    [Fact]
    public async Task A_bundle_whose_digests_no_longer_verify_is_refused()
    {
        Commit();
        File.WriteAllText(Path.Combine(Bundles, "run-1", "data", "limits.json"), "{\"threshold\": 6}");
        _gates.Files.Write("d.json", "{\"threshold\": 6}");

        var evaluation = await _gates.Expect("d.json", Expect);

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("bundle run-1 does not validate: data/limits.json", evaluation.Message, StringComparison.Ordinal);
        Assert.Contains("RG4001", evaluation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalidated_bundle_is_refused()
    {
        Commit();
        new BundleStore(Bundles).Invalidate("run-1", "bad calibration", "qa", BundleTestData.Start);
        _gates.Files.Write("d.json", "{\"threshold\": 5}");

        var evaluation = await _gates.Expect("d.json", Expect.Replace("LATEST", "run-1", StringComparison.Ordinal));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("bundle run-1 was invalidated: bad calibration", evaluation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uncommitted_bundle_or_an_unlisted_file_is_refused()
    {
        RunBundle.Open(Bundles, "run-2", BundleTestData.Manifest("run-2")).WriteFile("data/limits.json", "{\"threshold\": 5}");
        _gates.Files.Write("d.json", "{\"threshold\": 5}");

        var uncommitted = await _gates.Expect("d.json", Expect.Replace("LATEST", "run-2", StringComparison.Ordinal));
        Commit();
        var unlisted = await _gates.Expect("d.json", Expect.Replace("data/limits.json", "data/other.json", StringComparison.Ordinal));

        Assert.Contains("RG4005", uncommitted.Message, StringComparison.Ordinal);
        Assert.Contains("data/other.json is not listed in the artifact index of bundle run-1", unlisted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_lists_every_value_a_source_selects_with_its_own_position()
    {
        var evidence = _gates.Files.Write("proofs.yml", "channels:\n  - name: a\n  - name: b\n");
        Assert.True(ValueReference.TryParseFile("proofs.yml", "channels[*].name", CheckFixtureAt, out var reference, out _));

        var resolution = ReferenceResolver.Resolve(reference, _gates.Files.Context().References(Phase.Gates));

        Assert.True(resolution.Succeeded);
        Assert.Equal(["channels[0].name", "channels[1].name"], resolution.Values.Select(v => v.Path));
        Assert.Equal((3, 11), (resolution.Values[1].Node!.Position.Line, resolution.Values[1].Node!.Position.Column));
        Assert.Equal(evidence, resolution.Values[1].Node!.Position.File);
        var gone = ReferenceResolver.Resolve(reference with { FilePath = "gone.yml" }, _gates.Files.Context().References(Phase.Gates));
        Assert.True(gone.IsMissing);
    }

    [Fact]
    public void A_where_map_is_evaluated_on_each_record_a_source_selects_json_and_yaml_alike()
    {
        _gates.Files.Write("proofs.json", "{\"channels\": [{\"name\": \"a\", \"mode\": \"explicit\", \"w\": 2}, {\"name\": \"b\", \"w\": 1}], \"min_w\": 2}");
        _gates.Files.Write("proofs.yml", "channels:\n  - { name: a, mode: explicit, w: 2 }\n  - { name: b, w: 1 }\nmin_w: 2\n");
        var where = _gates.Load("  - { id: g, file: d.json, expect: { mode: explicit, w: { min-field: min_w }, name: { exists: true } } }\n").Gates[0] is ExpectCheck check ? check.Expect : [];
        var sources = _gates.Files.Context().References(Phase.Gates);

        foreach (var file in new[] { "proofs.json", "proofs.yml" })
        {
            Assert.True(ValueReference.TryParseFile(file, "channels[*]", CheckFixtureAt, out var reference, out _));
            var resolution = ReferenceResolver.Resolve(reference, sources);
            var document = _gates.Files.Context().Documents.Load(Path.Combine(_gates.Files.Evidence, file)).Document!;
            var failures = new List<ExpectationFailure>();

            var kept = resolution.Values.Where(v => ExpectationEvaluator.EvaluateAt(document, v.Node!, where, null, sources)).Select(v => v.Path).ToList();
            ExpectationEvaluator.EvaluateAt(document, resolution.Values[1].Node!, where, failures, sources);

            Assert.Equal(["channels[0]"], kept);
            Assert.Equal(["mode is absent, expected \"explicit\"", "w is 1, expected >= min_w (2)"], failures.Select(f => f.Message));
        }
    }

    private static RunGates.Core.Runbooks.SourcePosition CheckFixtureAt => RunGates.Core.Tests.Checks.CheckFixture.At;

    private const string IfNone = "{ threshold: { min-field: { file: bundle:LATEST/data/limits.json, path: threshold, if-none: pass } } }";

    [Fact]
    public async Task If_none_pass_holds_when_no_run_was_ever_committed_and_the_strict_form_still_fails()
    {
        _gates.Files.Write("d.json", "{\"threshold\": 1}");

        var first = await _gates.Expect("d.json", IfNone);
        var strict = await _gates.Expect("d.json", Expect);

        Assert.Equal(Outcome.Passed, first.Outcome);
        Assert.Equal(Outcome.Failed, strict.Outcome);
        Assert.Contains("no run has been committed here", strict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task If_none_pass_compares_with_an_earlier_bundle_that_exists()
    {
        Commit();
        _gates.Files.Write("d.json", "{\"threshold\": 4}");

        var weakened = await _gates.Expect("d.json", IfNone);

        Assert.Equal(Outcome.Failed, weakened.Outcome);
        Assert.Equal("threshold is 4, expected >= bundle:LATEST/data/limits.json#threshold if-none: pass (5)", weakened.Message);
    }

    [Fact]
    public async Task If_none_pass_is_no_pass_when_the_earlier_bundle_exists_but_is_invalid_uncommitted_or_unlisted()
    {
        _gates.Files.Write("d.json", "{\"threshold\": 9}");
        RunBundle.Open(Bundles, "run-0", BundleTestData.Manifest("run-0")).WriteFile("data/limits.json", "{\"threshold\": 5}");
        var besideUncommitted = await _gates.Expect("d.json", IfNone);

        Commit();
        File.WriteAllText(Path.Combine(Bundles, "run-1", "data", "limits.json"), "{\"threshold\": 6}");
        var tampered = await _gates.Expect("d.json", IfNone);

        File.WriteAllText(Path.Combine(Bundles, "run-1", "data", "limits.json"), "{\"threshold\": 5}");
        var unlisted = await _gates.Expect("d.json", IfNone.Replace("data/limits.json", "data/other.json", StringComparison.Ordinal));

        new BundleStore(Bundles).Invalidate("run-1", "bad calibration", "qa", BundleTestData.Start);
        var invalidated = await _gates.Expect("d.json", IfNone);

        Assert.Equal(Outcome.Passed, besideUncommitted.Outcome); // an uncommitted folder is no earlier run
        Assert.Equal(Outcome.Failed, tampered.Outcome);
        Assert.Contains("does not validate", tampered.Message, StringComparison.Ordinal);
        Assert.Equal(Outcome.Failed, unlisted.Outcome);
        Assert.Equal(Outcome.Failed, invalidated.Outcome);
    }

    [Fact]
    public async Task If_none_pass_with_a_latest_that_was_removed_beside_a_committed_bundle_fails()
    {
        Commit();
        File.Delete(Path.Combine(Bundles, "LATEST"));
        _gates.Files.Write("d.json", "{\"threshold\": 1}");

        var evaluation = await _gates.Expect("d.json", IfNone);

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
    }

    [Fact]
    public async Task If_none_pass_with_latest_removed_and_the_only_index_damaged_is_still_no_first_run()
    {
        Commit();
        File.Delete(Path.Combine(Bundles, "LATEST"));
        File.WriteAllText(Path.Combine(Bundles, "run-1", "artifact_index.json"), "not json");
        _gates.Files.Write("d.json", "{\"threshold\": 1}");

        var evaluation = await _gates.Expect("d.json", IfNone);

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
    }

    [Theory]
    [InlineData("{ t: { min-field: { file: bundle:LATEST/a.json, path: t, if-none: skip } } }")]
    [InlineData("{ t: { min-field: { file: bundle:run-1/a.json, path: t, if-none: pass } } }")]
    [InlineData("{ t: { min-field: { file: spec:a.json, path: t, if-none: pass } } }")]
    [InlineData("{ t: { digest-of: { file: bundle:LATEST/a.json, path: t, if-none: pass } } }")]
    public void If_none_anywhere_but_on_a_bundle_latest_reference_of_a_field_matcher_is_RG1025(string expect)
    {
        var error = Assert.Single(_gates.Errors($"  - {{ id: g, file: d.json, expect: {expect} }}\n"));

        Assert.Equal("RG1025", error.Diagnostic.Code);
        Assert.Equal(4, error.Position.Line);
    }

    [Fact]
    public void If_none_misspelt_gets_a_did_you_mean()
    {
        var error = Assert.Single(_gates.Errors("  - { id: g, file: d.json, expect: { t: { min-field: { file: bundle:LATEST/a.json, path: t, if-nne: pass } } } }\n"));

        Assert.Equal("RG1002", error.Diagnostic.Code);
        Assert.Equal("Did you mean 'if-none'?", error.Hint);
    }
}
