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
}
