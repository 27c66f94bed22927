using RunGates.Core.Evidence;
using RunGates.Core.Runbooks;
using RunGates.Core.Tests.Evidence;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>References, matchers, filters and groups are parsed at load: malformed use is its own RG code at its own position.</summary>
public sealed class RunbookLoaderReferenceTests : IDisposable
{
    private readonly GateFixture _gates = new();

    public void Dispose() => _gates.Dispose();

    private RunbookError Error(string expect, string preflight = "") =>
        Assert.Single(_gates.Errors($"  - {{ id: g, file: d.json, expect: {expect} }}\n", preflight));

    [Fact]
    public void References_load_with_their_kind_file_and_position()
    {
        var runbook = _gates.Load("  - { id: g, file: d.json, expect: { \"c[*].sum\": { digest-of: \"@.log\", equals-field: { file: bundle:LATEST/data/a.json, path: x } } } }\n");

        var matchers = runbook.Gates[0] is RunGates.Core.Checks.ExpectCheck check ? check.Expect.Fields()[0].Matchers : [];
        Assert.Equal(ReferenceFileKind.Element, matchers[0].Reference!.File);
        Assert.Equal("log", matchers[0].Reference!.Path.Text);
        Assert.Equal((ReferenceFileKind.Bundle, "LATEST", "data/a.json"), (matchers[1].Reference!.File, matchers[1].Reference!.BundleId, matchers[1].Reference!.FilePath));
        Assert.Equal((4, 63), (matchers[0].Reference!.Position.Line, matchers[0].Reference!.Position.Column));
    }

    [Theory]
    [InlineData("{ a: { equals-field: 3 } }", "expected a reference for equals-field")]
    [InlineData("{ a: { min-field: \"b[\" } }", "'[' at position 2 is not closed")]
    [InlineData("{ a: { in-field: { file: x.json } } }", "expected both file and path")]
    [InlineData("{ a: { max-field: { file: bundle:LATEST, path: x } } }", "expected bundle:<LATEST or run id>/<path inside the bundle>")]
    [InlineData("{ a: { max-field: { file: bundle:LATEST/../x.json, path: x } } }", "climbs out of the root")]
    [InlineData("{ a: { max-field: { file: 'spec:', path: x } } }", "found no path after 'spec:'")]
    [InlineData("{ a: { digest-of: \"@x\" } }", "after '@' expected '.' or '['")]
    public void A_malformed_reference_is_RG1017_or_RG1018(string expect, string message)
    {
        var error = Error(expect);

        Assert.Contains(error.Diagnostic.Code, new[] { "RG1017", "RG1018" });
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Position.Line);
    }

    [Theory]
    [InlineData("../outside.json")]
    [InlineData("/etc/passwd")]
    [InlineData("spec:../outside.json")]
    public void A_reference_file_that_leaves_its_folder_is_RG1040(string file)
    {
        var error = Error($"{{ a: {{ equals-field: {{ file: \"{file}\", path: x }} }} }}");

        Assert.Equal("RG1040", error.Diagnostic.Code);
    }

    [Fact]
    public void At_outside_a_selection_is_RG1018()
    {
        var error = Error("{ a: { equals-field: \"@.b\" } }");

        Assert.Equal("RG1018", error.Diagnostic.Code);
        Assert.Equal((4, 57), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Run_in_pre_flight_is_RG1019()
    {
        var error = Assert.Single(_gates.Errors("  - { id: g, file: d.json, expect: { a: 1 } }\n", "  - { id: p, file: d.json, expect: { a: { equals-field: { file: run, path: seed } } } }\n"));

        Assert.Equal("RG1019", error.Diagnostic.Code);
    }

    [Fact]
    public void An_unknown_key_in_a_reference_or_matcher_gets_a_did_you_mean()
    {
        var reference = Error("{ a: { equals-field: { file: x.json, paht: y } } }");
        var matcher = Error("{ a: { equal-field: b } }");
        var group = Error("{ a: { any-of: [ { b: 1 } ] } }");

        Assert.Equal(("RG1002", "Did you mean 'path'?"), (reference.Diagnostic.Code, reference.Hint));
        Assert.Equal(("RG1002", "Did you mean 'equals-field'?"), (matcher.Diagnostic.Code, matcher.Hint));
        Assert.Contains("any-of belongs beside the paths of the map", group.Message, StringComparison.Ordinal);
    }
}
