using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using RunGates.Core.Tests.Checks;
using RunGates.Core.Tests.Runbooks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Evidence;

/// <summary>
/// YAML evidence over a limit is an invalid document naming the file, the limit and where it was crossed, so the
/// check reading it fails: never a stack overflow, an exhausted memory, a hang, or the end of the run.
/// </summary>
public sealed class YamlEvidenceReaderTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private EvidenceLoadResult Load(string text)
    {
        var path = _fixture.Write("e.yaml", text);
        return HangGuard.Run(() => EvidenceReader.Load(path));
    }

    private static void AssertInvalidAt(EvidenceLoadResult result, int line, int column)
    {
        Assert.Null(result.Document);
        Assert.False(result.IsMissing);
        Assert.EndsWith("e.yaml", result.ErrorPosition!.File, StringComparison.Ordinal);
        Assert.Equal((line, column), (result.ErrorPosition.Line, result.ErrorPosition.Column));
    }

    private static string BillionLaughs()
    {
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }

        return text.ToString();
    }

    [Fact]
    public void Billion_laughs_is_invalid_at_the_alias_that_crosses_the_expansion_limit()
    {
        var result = Load(BillionLaughs());

        // a0 to a5 stand for 10, 91, 820, 7381, 66430, 597871 nodes; their aliases add 672588 up to a5, and the
        // first *a5, inside a6, brings the total past a million.
        AssertInvalidAt(result, 7, 10);
        Assert.StartsWith("the evidence document crosses the alias-expansion limit of 1000000 nodes here", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Recursive_alias_is_invalid_at_the_alias()
    {
        var result = Load("status: &r [*r]\n");

        AssertInvalidAt(result, 1, 13);
        Assert.StartsWith("alias *r is inside the node it names", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_10000_deep_is_invalid_at_the_257th_level()
    {
        var result = Load(string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n");

        AssertInvalidAt(result, 1, 1 + (256 * 2));
        Assert.Equal("the evidence document crosses the nesting-depth limit of 256 levels here: expected mappings and sequences nested at most 256 deep in an evidence document, found 257 levels here", result.Error);
    }

    [Fact]
    public void Nesting_100000_deep_in_flow_style_is_invalid_in_bounded_time()
    {
        var result = Load(string.Concat(Enumerable.Repeat("[", 100_000)) + string.Concat(Enumerable.Repeat("]", 100_000)) + "\n");

        AssertInvalidAt(result, 1, 257);
        Assert.Contains("nesting-depth limit of 256 levels", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_flow_sequence_is_invalid_with_a_position_not_a_crash()
    {
        var result = Load("status: PASS\nsteps: [\n");

        Assert.Null(result.Document);
        Assert.StartsWith("invalid YAML: ", result.Error, StringComparison.Ordinal);
        Assert.True(result.ErrorPosition!.Line >= 2, result.ErrorPosition.ToString());
    }

    [Fact]
    public void More_aliases_than_the_limit_are_invalid_at_the_first_one_past_it()
    {
        var result = Load("x: &v 1\nl:\n" + string.Concat(Enumerable.Repeat("- *v\n", 100_001)));

        AssertInvalidAt(result, 3 + 100_000, 3);
        Assert.Equal("the evidence document crosses the alias-count limit of 100000 aliases here: expected at most 100000 aliases in an evidence document, found more", result.Error);
    }

    [Fact]
    public void A_line_longer_than_one_mebibyte_is_invalid_where_it_crosses()
    {
        var result = Load("status: PASS\nnote: " + new string('n', 1 << 20) + "\n");

        AssertInvalidAt(result, 2, (1 << 20) + 1);
        Assert.StartsWith("line 2 crosses the line-length limit of 1048576 characters for an evidence document", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_64_MiB_is_invalid_without_being_read_past_the_limit()
    {
        var path = Path.Combine(_fixture.Evidence, "e.yaml");
        var line = Encoding.ASCII.GetBytes("- " + new string('v', 1021) + "\n");
        using (var file = File.Create(path))
        {
            for (var i = 0; i < (64 << 10) + 1; i++)
            {
                file.Write(line);
            }
        }

        var result = HangGuard.Run(() => EvidenceReader.Load(path));

        AssertInvalidAt(result, (64 << 10) + 1, 1);
        Assert.Equal("the evidence document crosses the document-size limit of 64 MiB (67108864 bytes) here: expected a smaller file, found more bytes than that; nothing past the limit was read", result.Error);
    }

    [Fact]
    public void A_named_pipe_is_invalid_without_blocking()
    {
        var path = Path.Combine(_fixture.Evidence, "e.yaml");
        Assert.Equal(0, ExternalTool.Run(_fixture.Evidence, "mkfifo", "e.yaml").ExitCode);

        var result = HangGuard.Run(() => EvidenceReader.Load(path));

        Assert.Null(result.Document);
        Assert.Contains("named pipe", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_within_the_limits_load_and_keys_keep_their_written_text()
    {
        var result = Load("base: &b { status: PASS, n: 0x1F }\ncopy: *b\n0x10: &k key\n*k : aliased\n");

        var root = result.Document!.Root;
        Assert.Equal("PASS", root["copy"]!["status"]!.Text);
        Assert.Equal("31", root["copy"]!["n"]!.Text);
        Assert.Equal("key", root["0x10"]!.Text);
        Assert.Equal("aliased", root["key"]!.Text);
        // An alias stands for the anchored node itself: its position is the anchor's.
        Assert.Equal((1, 7), (root["copy"]!.Position.Line, root["copy"]!.Position.Column));
    }

    [Fact]
    public void An_alias_key_naming_a_key_already_there_is_a_duplicate_key_not_a_hidden_value()
    {
        // Without the rule the last value won: status read PASS, hiding the FAIL written first.
        var result = Load("name: &k status\nstatus: FAIL\n*k : PASS\n");

        AssertInvalidAt(result, 3, 1);
        Assert.Equal("duplicate key 'status': expected each key once in a mapping, as the last value would hide the first", result.Error);
    }

    [Fact]
    public async Task Evidence_over_a_limit_fails_its_check_naming_the_file_the_limit_and_the_position()
    {
        _fixture.Write("result.yaml", "status: PASS\nextra: " + string.Concat(Enumerable.Repeat("[", 300)) + string.Concat(Enumerable.Repeat("]", 300)) + "\n");
        var gate = new ExpectCheck { Id = "gate", Phase = Phase.Gates, Position = At, File = "result.yaml", Expect = [FieldEquals("status", "PASS")] };

        var evaluation = await _fixture.Evaluate(gate);

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("nesting-depth limit of 256 levels", evaluation.Message, StringComparison.Ordinal);
        var finding = Assert.Single(evaluation.Findings);
        Assert.EndsWith("result.yaml", finding.Position!.File, StringComparison.Ordinal);
        Assert.Equal((2, 8 + 255), (finding.Position.Line, finding.Position.Column));
    }
}
