using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

public sealed class LedgerReaderTests
{
    private const string Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Reads_every_form_sha256sum_writes_or_people_hand_edit()
    {
        var text = "\uFEFF"
            + $"{Hex}  plain.txt\r\n"
            + $"{Hex} *binary.bin\n"
            + $"SHA256 (tagged (1).txt) = {Hex}\n"
            + $"{Hex.ToUpperInvariant()}  upper.txt\n"
            + $"{Hex}  ./dotted/x.txt\n"
            + $"\\{Hex}  back\\\\slash\\nnew\\rcr\n"
            + $"\\SHA256 (tag\\\\esc) = {Hex}\n"
            + "\n"
            + $"{Hex}   leading space\n";

        var result = LedgerReader.Parse(text, "SHA256SUMS");

        Assert.Empty(result.Problems);
        Assert.Equal(
            ["plain.txt", "binary.bin", "tagged (1).txt", "upper.txt", "dotted/x.txt", "back\\slash\nnew\rcr", "tag\\esc", " leading space"],
            result.Records.Select(r => r.Path));
        Assert.All(result.Records, r => Assert.Equal(Hex, r.Sha256));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 9], result.Records.Select(r => r.Line));
    }

    [Fact]
    public void Every_malformed_line_is_RG4006_with_its_line_number_and_reading_goes_on()
    {
        var text = $"{Hex}  good.txt\nnot a ledger line\n{Hex[..63]}  short.txt\n{Hex}  also-good.txt\n\\{Hex}  bad\\escape\n";

        var result = LedgerReader.Parse(text, "SHA256SUMS");

        Assert.Equal(["good.txt", "also-good.txt"], result.Records.Select(r => r.Path));
        Assert.Equal([2, 3, 5], result.Problems.Select(p => p.Line));
        Assert.All(result.Problems, p => Assert.Equal("RG4006", p.Diagnostic.Code));
        Assert.StartsWith("SHA256SUMS(2): error RG4006: line 2: expected '<64 hex digits>  <path>'", result.Problems[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("found 'not a ledger line'", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_lines_and_empty_lines_are_skipped_but_a_line_of_blanks_or_an_indented_comment_is_malformed()
    {
        var text = $"# written by hand\n\n\r\n  {Hex}  indented.txt\n\t{Hex}  tabbed.txt\n   \n # indented comment\n";

        var result = LedgerReader.Parse(text, "SHA256SUMS");

        Assert.Equal(["indented.txt", "tabbed.txt"], result.Records.Select(r => r.Path));
        Assert.Equal([6, 7], result.Problems.Select(p => p.Line));
    }

    [Fact]
    public void The_bsd_one_separator_form_is_read_when_the_first_line_uses_it_and_then_two_blanks_are_part_of_the_name()
    {
        var result = LedgerReader.Parse($"{Hex} first.txt\n{Hex}  second.txt\n{Hex}\tthird.txt\nSHA256 (tagged) = {Hex}\n", "md5-r");

        Assert.Empty(result.Problems);
        Assert.Equal(["first.txt", " second.txt", "third.txt", "tagged"], result.Records.Select(r => r.Path));
    }

    [Fact]
    public void The_bsd_form_after_a_two_separator_line_is_malformed_as_coreutils_refuses_mixing()
    {
        var result = LedgerReader.Parse($"SHA256 (tagged) = {Hex}\n{Hex}  first.txt\n{Hex} second.txt\n{Hex} *third.txt\n", "SUMS");

        Assert.Equal(["tagged", "first.txt", "third.txt"], result.Records.Select(r => r.Path));
        Assert.Equal(3, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public void A_line_whose_digest_is_not_hex_leaves_the_form_unsettled_but_a_bad_escape_settles_it()
    {
        var notHex = new string('z', 64);
        var unsettled = LedgerReader.Parse($"{notHex} a\n{Hex}  b\n", "SUMS");
        var settled = LedgerReader.Parse($"\\{Hex} bad\\q\n{Hex}  b\n", "SUMS");

        Assert.Equal(["b"], unsettled.Records.Select(r => r.Path));
        Assert.Equal([" b"], settled.Records.Select(r => r.Path));
    }

    [Fact]
    public void Names_are_kept_as_listed_for_echoing_and_without_dot_slash_for_reading()
    {
        var result = LedgerReader.Parse($"{Hex}  ./a.txt\nSHA256 (./b) = {Hex}\nSHA256 () = {Hex}\n", "SUMS");

        Assert.Equal(["./a.txt", "./b", ""], result.Records.Select(r => r.Listed));
        Assert.Equal(["a.txt", "b", ""], result.Records.Select(r => r.Path));
    }
}
