using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

/// <summary>Hostile ledgers for the streaming reader (LedgerLineStream) and the streaming verify built on it.</summary>
public sealed class AttackLedgerStreamTests : IDisposable
{
    private const string GoodLine = "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a.txt\n"; // sha256("a\n")

    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>A ledger whose second line never ends: <paramref name="bytes"/> of 'a' and no LF (a disk image, say).</summary>
    private string EndlessSecondLine(int bytes)
    {
        var ledger = _tree["root/SHA256SUMS"];
        Directory.CreateDirectory(Path.GetDirectoryName(ledger)!);
        using var file = File.Create(ledger);
        file.Write(System.Text.Encoding.UTF8.GetBytes(GoodLine));
        var chunk = new byte[1 << 20];
        Array.Fill(chunk, (byte)'a');
        for (var left = bytes; left > 0; left -= chunk.Length)
        {
            file.Write(chunk, 0, Math.Min(left, chunk.Length));
        }

        return ledger;
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused_naming_its_line_instead_of_growing_the_buffer_without_bound()
    {
        // On main the buffer doubled for as long as no LF came: a 2.2 GiB file of zeros took 2.1 GB and then crashed
        // (RG0005, Rent(-2147483648)); here the line is refused once it passes 16 MiB.
        var ledger = EndlessSecondLine(LedgerLineStream.MaxLineBytes + 1);
        using var stream = LedgerLineStream.Open(ledger, ledger);

        var error = Assert.Throws<IOException>(() => stream.Lines().ToList());

        Assert.Contains($"{ledger} line 2 is longer than 16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verify_of_a_ledger_with_a_line_past_the_limit_fails_as_an_io_error_and_never_passes()
    {
        _tree.Write("root/a.txt", "a\n");
        var ledger = EndlessSecondLine(LedgerLineStream.MaxLineBytes + 1);

        // Not a malformed line (RG4006, which fails only with --strict): a refusal of the whole ledger.
        var error = Assert.Throws<IOException>(() => LedgerVerifier.Verify(ledger));

        Assert.Contains("line 2 is longer than 16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_just_under_the_limit_still_reads_as_the_whole_text_does()
    {
        var ledger = EndlessSecondLine(LedgerLineStream.MaxLineBytes - GoodLine.Length - 1);
        using var stream = LedgerLineStream.Open(ledger, ledger);

        var lines = stream.Lines().ToList();

        Assert.Equal("a.txt", lines[0].Record!.Path);
        Assert.Equal(2, Assert.Single(lines, l => l.Malformed is not null).Malformed!.Line);
    }
}
