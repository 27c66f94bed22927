using RunGates.Core.Checks;
using RunGates.Core.Evidence;

namespace RunGates.Core.Tests.Evidence;

/// <summary>
/// matches: runs on the non-backtracking engine where the pattern allows it, falls back to backtracking (bounded by
/// the timeout) where it does not, and a match that runs out of time fails that check with RG3045 (RG2045 in
/// pre-flight) at the value, naming the pattern's position, instead of ending the run.
/// </summary>
public sealed class EvidencePatternTests : IDisposable
{
    // Catastrophic for a backtracking engine on "aaa...ab"; the lookahead forces backtracking.
    private const string Runaway = "'^(?!x)(a+)+$'";

    private readonly GateFixture _gate = new();

    public void Dispose() => _gate.Dispose();

    [Theory]
    [InlineData("^[0-9a-f]{40}$")]
    [InlineData("^(a+)+$")]
    [InlineData("(?<name>a|b)*c")]
    [InlineData("(?i)^pass$")]
    public void A_pattern_the_linear_engine_can_run_runs_on_it(string pattern)
    {
        Assert.True(EvidencePattern.IsLinear(EvidencePattern.Compile(pattern)));
    }

    [Theory]
    [InlineData(@"(a)\1")]
    [InlineData(@"(?<x>a)\k<x>")]
    [InlineData("a(?=b)")]
    [InlineData("a(?!b)")]
    [InlineData("(?<=a)b")]
    [InlineData("(?<!a)b")]
    [InlineData("(?>a+)b")]
    [InlineData("(?(a)a|b)")]
    [InlineData("(?<o>a)(?<-o>b)")]
    [InlineData(@"\Ga")]
    public void A_pattern_needing_backtracking_falls_back_to_it_with_the_timeout(string pattern)
    {
        var regex = EvidencePattern.Compile(pattern);

        Assert.False(EvidencePattern.IsLinear(regex));
        Assert.Equal(EvidencePattern.Timeout, regex.MatchTimeout);
    }

    [Fact]
    public async Task A_nested_quantifier_on_a_long_value_fails_plainly_and_quickly_on_the_linear_engine()
    {
        _gate.Files.Write("d.json", $"{{\"v\": \"{new string('a', 50_000)}b\"}}");

        var evaluation = await _gate.Expect("d.json", "{ v: { matches: '^(a+)+$' } }").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.DoesNotContain("RG3045", evaluation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("d.json", "{\"ok\": 1,\n \"v\": \"AAA\"}")]
    [InlineData("d.yml", "ok: 1\nv: AAA\n")]
    public async Task A_match_out_of_time_fails_the_check_with_RG3045_at_the_value_naming_the_pattern_position(string file, string text)
    {
        _gate.Files.Write(file, text.Replace("AAA", new string('a', 40) + "b", StringComparison.Ordinal));

        var evaluation = await _gate.Expect(file, $"{{ v: {{ matches: {Runaway} }} }}").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        var finding = Assert.Single(evaluation.Findings);
        // The pattern's opening quote in "  - { id: g, file: FILE, expect: { v: { matches: '...".
        var column = 46 + file.Length;
        Assert.Equal($"matching /^(?!x)(a+)+$/ (rungates.yml(4,{column})) took longer than the 2 s limit on this value of 41 characters (RG3045); expected a match decided within the limit", finding.Message);
        Assert.Equal((2, file.EndsWith(".json", StringComparison.Ordinal) ? 7 : 4), (finding.Position!.Line, finding.Position.Column));
    }

    [Fact]
    public async Task A_match_out_of_time_in_preflight_is_RG2045()
    {
        _gate.Files.Write("p.json", $"{{\"v\": \"{new string('a', 40)}b\"}}", inEvidence: false);
        var runbook = _gate.Load("  - { id: g, file: x.json, expect: { a: 1 } }\n", $"  - {{ id: p, file: p.json, expect: {{ v: {{ matches: {Runaway} }} }} }}\n");

        var evaluation = await runbook.Preflight[0].EvaluateAsync(_gate.Files.Context(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("(RG2045)", Assert.Single(evaluation.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_document_that_timed_out_fails_among_each_matches()
    {
        _gate.Files.Write("r/1.json", "{\"v\": \"aaa\"}");
        _gate.Files.Write("r/2.json", $"{{\"v\": \"{new string('a', 40)}b\"}}");
        _gate.Files.Write("r/3.json", "{\"v\": \"c\"}");
        var runbook = _gate.Load($"  - {{ id: g, each: r/*.json, expect: {{ v: {{ matches: {Runaway} }} }} }}\n");

        var evaluation = await runbook.Gates[0].EvaluateAsync(_gate.Files.Context(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.StartsWith("2 of 3 documents fail r/*.json", evaluation.Message, StringComparison.Ordinal);
        Assert.Contains(evaluation.Findings, f => f.Message.StartsWith("r/2.json: matching", StringComparison.Ordinal) && f.Message.Contains("(RG3045)", StringComparison.Ordinal));
        Assert.Contains(evaluation.Findings, f => f.Message.StartsWith("r/3.json: v is \"c\"", StringComparison.Ordinal));
    }
}
