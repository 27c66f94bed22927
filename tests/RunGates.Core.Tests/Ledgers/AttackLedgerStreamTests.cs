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
    [Fact]
    public void The_reader_waits_once_a_full_window_is_unsettled_and_everything_is_handed_on_in_order_when_the_oldest_settles()
    {
        // The oldest record (a huge file, say) is still being hashed while every later one in the window is done.
        var seen = new List<int>();
        using var stop = new CancellationTokenSource();
        var order = new RecordsInOrder(v => seen.Add(v.Record.Line), stop.Token);
        VerifiedRecord Done(int sequence) => new(new LedgerRecord($"f{sequence}", new string('0', 64), sequence + 1), null);
        for (var i = 0; i < RecordsInOrder.Window; i++)
        {
            Assert.Equal(i, order.Next());
            if (i > 0)
            {
                order.Complete(i, Done(i));
            }
        }

        // One more would overflow the window: the reader waits (here it is cancelled, which it checks while waiting).
        stop.Cancel();
        Assert.Throws<OperationCanceledException>(() => order.Next());
        Assert.Empty(seen);

        order.Complete(0, Done(0));

        Assert.Equal(Enumerable.Range(1, RecordsInOrder.Window), seen);
        Assert.Equal(RecordsInOrder.Window, order.Verified);
        Assert.Empty(order.Problems);
    }

    [Fact]
    public void A_huge_first_file_then_ten_thousand_tiny_ones_verify_in_ledger_order()
    {
        var root = Directory.CreateDirectory(_tree["root"]).FullName;
        var lines = new List<string>();
        using (var huge = File.Create(_tree["root/0-huge"]))
        {
            huge.SetLength(128L << 20);
        }

        lines.Add($"{Sha256FileHasher.Hash(_tree["root/0-huge"]).Sha256}  0-huge");
        for (var i = 0; i < 10_000; i++)
        {
            var name = $"t/{i}";
            lines.Add($"{Sha256FileHasher.Hash(_tree.Write("root/" + name, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Sha256}  {name}");
        }

        var ledger = _tree.Write("root/SHA256SUMS", string.Join('\n', lines) + "\n");
        var seen = new List<VerifiedRecord>();
        using var stream = LedgerLineStream.Open(ledger, ledger);

        var result = LedgerVerifier.Verify(root, stream, "SHA256SUMS", false, ["SHA256SUMS"], null, seen.Add);

        Assert.Empty(result.Problems);
        Assert.Equal(lines.Count, result.Verified);
        Assert.Equal(Enumerable.Range(1, lines.Count), seen.Select(s => s.Record.Line));
    }
}
