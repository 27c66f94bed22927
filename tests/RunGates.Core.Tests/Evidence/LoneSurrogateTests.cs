using RunGates.Core.Checks;
using RunGates.Core.Evidence;

namespace RunGates.Core.Tests.Evidence;

/// <summary>
/// A JSON string may escape half of a surrogate pair ("\ud800"), which is no valid UTF-16: System.Text.Json refuses to
/// decode it. Evidence is data, so every matcher compares such a string as the UTF-16 it spells and none throws.
/// </summary>
public sealed class LoneSurrogateTests : IDisposable
{
    private const string Document = """{ "a": "\ud800", "b": "\ud800", "c": "x", "e": "\udc00z", "l": ["\ud800", "y"], "n": 3 }""";

    private readonly GateFixture _gate = new();

    public void Dispose() => _gate.Dispose();

    private async Task<CheckEvaluation> Expect(string expect)
    {
        _gate.Files.Write("d.json", Document);
        return await _gate.Expect("d.json", expect);
    }

    [Theory]
    [InlineData("{ a: { equals: x } }", Outcome.Failed)]
    [InlineData("{ a: x }", Outcome.Failed)]
    [InlineData("{ a: { not: x } }", Outcome.Passed)]
    [InlineData("{ a: { in: [x, y] } }", Outcome.Failed)]
    [InlineData("{ a: { not-in: [x, y] } }", Outcome.Passed)]
    [InlineData("{ a: { matches: '^x$' } }", Outcome.Failed)]
    [InlineData("{ a: { matches: '^.$' } }", Outcome.Passed)]
    [InlineData("{ e: { matches: 'z$' } }", Outcome.Passed)]
    [InlineData("{ a: { equals-field: b } }", Outcome.Passed)]
    [InlineData("{ a: { equals-field: c } }", Outcome.Failed)]
    [InlineData("{ a: { not-equal-field: b } }", Outcome.Failed)]
    [InlineData("{ a: { not-equal-field: c } }", Outcome.Passed)]
    [InlineData("{ a: { in-field: l } }", Outcome.Passed)]
    [InlineData("{ a: { not-in-field: l } }", Outcome.Failed)]
    [InlineData("{ c: { in-field: l } }", Outcome.Failed)]
    [InlineData("{ a: { min-field: c } }", Outcome.Passed)]
    [InlineData("{ a: { max-field: c } }", Outcome.Failed)]
    [InlineData("{ a: { type: string } }", Outcome.Passed)]
    [InlineData("{ 'l[*]': { not: z } }", Outcome.Passed)]
    [InlineData("{ 'l[?@ == y]': { count: { equals: 1 } } }", Outcome.Passed)]
    [InlineData("{ l: { distinct: '@' } }", Outcome.Passed)]
    public async Task Every_matcher_compares_a_lone_surrogate_as_data(string expect, Outcome outcome)
    {
        var evaluation = await Expect(expect);

        Assert.Equal(outcome, evaluation.Outcome);
    }

    [Fact]
    public async Task A_failure_shows_the_lone_surrogate_escaped_at_its_position()
    {
        var evaluation = await Expect("{ a: { equals: x } }");

        var finding = Assert.Single(evaluation.Findings);
        Assert.Contains("a is \"\\ud800\", expected \"x\"", finding.Message, StringComparison.Ordinal);
        Assert.Equal((1, 8), (finding.Position!.Line, finding.Position.Column));
    }

    [Fact]
    public void A_lone_surrogate_in_a_key_is_data_and_a_repeated_one_is_a_duplicate()
    {
        var once = EvidenceReader.ParseJson("""{ "\ud800": 1, "k": 2 }"""u8, "k.json");
        var twice = EvidenceReader.ParseJson("""{ "\ud800": 1, "\ud800": 2 }"""u8, "k.json");

        Assert.Equal(["\ud800", "k"], once.Document!.Root.Properties.Select(p => p.Key));
        Assert.Null(twice.Document);
        Assert.Contains("duplicate key '\\ud800'", twice.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ k: 2 }", Outcome.Passed)]
    [InlineData("{ k: 3 }", Outcome.Failed)]
    [InlineData("{ missing: { exists: false } }", Outcome.Passed)]
    public async Task A_path_steps_past_a_key_holding_a_lone_surrogate(string expect, Outcome outcome)
    {
        _gate.Files.Write("k.json", """{ "a": 0, "\ud800": 1, "k": 2, "x\u0041": 3 }""");

        var evaluation = await _gate.Expect("k.json", expect);

        Assert.Equal(outcome, evaluation.Outcome);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_when_skips_or_selects_as_data()
    {
        _gate.Files.Write("d.json", Document);

        var evaluation = await _gate.Expect("d.json", "{ n: 4 }", "when: { a: { in: [x] } }");

        Assert.Equal(Outcome.Passed, evaluation.Outcome);
    }
}
