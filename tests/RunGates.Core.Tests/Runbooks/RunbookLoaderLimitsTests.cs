using System.Text;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>
/// Hostile runbooks end in RG1001 naming the limit, its value and where it was crossed, in bounded time: never a
/// stack overflow, an exhausted memory, a hang or an exception other than <see cref="RunbookException"/>.
/// </summary>
public sealed class RunbookLoaderLimitsTests
{
    private const string Head = "version: 1\nname: x\n";

    private static RunbookError Refused(string yaml) =>
        HangGuard.Run(() => Assert.Single(RunbookFolder.ErrorsOf(yaml)));

    private static void AssertAt(RunbookError error, int line, int column)
    {
        Assert.Equal("RG1001", error.Diagnostic.Code);
        Assert.Equal((line, column), (error.Position.Line, error.Position.Column));
    }

    /// <summary>Nine levels of nine aliases each: a 1 KB document standing for 9^9 (387 million) strings.</summary>
    private static string BillionLaughs()
    {
        var text = new StringBuilder(Head + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            var previous = $"*a{level - 1}";
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat(previous, 9))}]\n");
        }

        return text.ToString();
    }

    [Fact]
    public void Billion_laughs_is_refused_at_the_alias_that_crosses_the_expansion_limit()
    {
        var yaml = BillionLaughs();
        Assert.True(yaml.Length < 1024, $"{yaml.Length} bytes");

        var error = Refused(yaml);

        // a0 to a4 stand for 10, 91, 820, 7381, 66430 nodes; their aliases add 74718 up to a4, and the first *a4,
        // inside a5, brings the total past 100000.
        AssertAt(error, 8, 10);
        Assert.StartsWith("the runbook crosses the alias-expansion limit of 100000 nodes here: expected the aliases of a runbook to stand for at most 100000 nodes in all, found 141148 with this one (*a4 stands for 66430)", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.Hint));
    }

    [Fact]
    public void Recursive_alias_is_RG1001_at_the_alias_not_a_stack_overflow()
    {
        var error = Refused(Head + "gates: &r [*r]\n");

        AssertAt(error, 3, 12);
        Assert.Equal("alias *r is inside the node it names (anchor &r at line 3, column 8): expected an alias to a complete node, found a recursive one, which has no finite value", error.Message);
    }

    [Fact]
    public void Recursive_alias_in_a_block_mapping_is_refused_too()
    {
        var error = Refused(Head + "run: &run\n  steps:\n    - *run\n");

        AssertAt(error, 5, 7);
        Assert.Contains("inside the node it names", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_100000_deep_is_refused_at_the_65th_level()
    {
        // One bracket a line, so that the line-length limit is not what refuses it.
        var yaml = Head + "gates:\n" + string.Concat(Enumerable.Repeat(" [\n", 100_000)) + string.Concat(Enumerable.Repeat(" ]\n", 100_000));

        var error = Refused(yaml);

        // The root mapping is level 1, the first '[' level 2: the 64th '[' is level 65.
        AssertAt(error, 3 + 64, 2);
        Assert.Equal("the runbook crosses the nesting-depth limit of 64 levels here: expected mappings and sequences nested at most 64 deep in a runbook, found 65 levels here", error.Message);
    }

    [Fact]
    public void Nesting_in_block_style_is_held_to_the_same_depth()
    {
        var yaml = new StringBuilder(Head + "run:\n");
        for (var i = 1; i <= 70; i++)
        {
            yaml.Append(' ', i).Append("k:\n");
        }

        var error = Refused(yaml.ToString());

        Assert.Contains("nesting-depth limit of 64 levels", error.Message, StringComparison.Ordinal);
        // The root mapping is level 1 (line 3), the mapping under run: level 2 (line 4): level 65 starts on line 67.
        Assert.Equal(3 + 64, error.Position.Line);
    }

    [Fact]
    public void An_alias_that_would_nest_past_the_limit_is_refused_at_the_alias()
    {
        // The anchored value is 40 levels deep; used 30 levels down it would stand for 70.
        var deep = string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40));
        var yaml = Head + $"a: &deep {deep}\nb: {string.Concat(Enumerable.Repeat("[", 29))}*deep{string.Concat(Enumerable.Repeat("]", 29))}\n";

        var error = Refused(yaml);

        AssertAt(error, 4, 33);
        Assert.Contains("nesting-depth limit of 64 levels", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 70 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_flow_sequence_is_RG1001_at_the_bracket_not_an_InvalidOperationException()
    {
        var error = Refused(Head + "run:\n  steps: [\n");

        Assert.Equal("RG1001", error.Diagnostic.Code);
        Assert.StartsWith("expected well-formed YAML, found a syntax error", error.Message, StringComparison.Ordinal);
        Assert.True(error.Position.Line >= 4, error.Position.ToString());
    }

    [Fact]
    public void More_aliases_than_the_limit_are_refused_at_the_first_one_past_it()
    {
        var yaml = Head + "x: &v 1\nl:\n" + string.Concat(Enumerable.Repeat("  - *v\n", 1_001));

        var error = Refused(yaml);

        AssertAt(error, 5 + 1_000, 5);
        Assert.Equal("the runbook crosses the alias-count limit of 1000 aliases here: expected at most 1000 aliases in a runbook, found more", error.Message);
    }

    [Fact]
    public void Aliases_standing_for_more_characters_than_the_limit_are_refused()
    {
        var yaml = Head + $"x: &v {new string('a', 60_000)}\nl: [{string.Join(", ", Enumerable.Repeat("*v", 18))}]\n";

        var error = Refused(yaml);

        // 17 uses stand for 1020000 characters; the 18th crosses 1048576.
        Assert.Equal((4, 5 + (17 * 4)), (error.Position.Line, error.Position.Column));
        Assert.StartsWith("the runbook crosses the alias-expansion limit of 1048576 characters here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_one_MiB_is_refused_where_the_limit_is_crossed_without_reading_past_it()
    {
        var line = "# " + new string('x', 1021) + "\n";
        var yaml = Head + string.Concat(Enumerable.Repeat(line, 1_100));

        var error = Refused(yaml);

        // Byte 1048576 (0-based) is the first past the limit: 19 bytes of Head, then 1024-byte lines.
        var over = (1 << 20) - Head.Length;
        AssertAt(error, 3 + (over / 1024), (over % 1024) + 1);
        Assert.Equal("the runbook crosses the document-size limit of 1 MiB (1048576 bytes) here: expected a smaller file, found more bytes than that; nothing past the limit was read", error.Message);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused_at_the_first_character_past_it()
    {
        var error = Refused(Head + "# short\nname2: " + new string('y', 70_000) + "\n");

        AssertAt(error, 4, 65_537);
        Assert.Equal("line 4 crosses the line-length limit of 65536 characters for a runbook: expected at most 65536 characters on a line, found more from column 65537", error.Message);
    }

    [Fact]
    public void An_alias_to_no_anchor_is_RG1001_naming_it()
    {
        var error = Refused(Head + "gates: *nowhere\n");

        AssertAt(error, 3, 8);
        Assert.Equal("alias *nowhere names no anchor: expected &nowhere on a node before it in the same document", error.Message);
    }

    [Fact]
    public void An_anchor_defined_twice_is_refused_rather_than_read_one_way()
    {
        var error = Refused(Head + "a: &v 1\nb: &v 2\nc: *v\n");

        AssertAt(error, 4, 4);
        Assert.StartsWith("anchor &v is defined again (first at line 3, column 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_key_naming_a_key_already_there_is_a_duplicate_key()
    {
        var error = Refused("version: 1\nname: &k name\n*k : other\n");

        AssertAt(error, 3, 1);
        Assert.Equal("duplicate key 'name': expected each key once in a mapping, found it again (first at line 2, column 1)", error.Message);
    }

    [Fact]
    public void Aliases_within_the_limits_still_load()
    {
        var runbook = RunbookFolder.LoadOf(Head + "preflight:\n  - { id: one, files: &inputs [a.json, b.json] }\n  - { id: two, files: *inputs }\n");

        Assert.Equal(2, runbook.Preflight.Count);
    }
}
