using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

public sealed class LedgerStreamingVerifyTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>A tree of <paramref name="count"/> files in 50 folders and its ledger text, in walk order (not sorted).</summary>
    private (string Root, List<string> Lines) Tree(int count)
    {
        var root = _tree["root"];
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = $"d{i % 50}/f{i}";
            var path = _tree.Write("root/" + name, $"{i}\n");
            lines.Add($"{Sha256FileHasher.Hash(path).Sha256}  {name}");
        }

        return (root, lines);
    }

    private static LedgerVerification Stream(string root, string ledger, List<VerifiedRecord> seen, bool unlisted = false)
    {
        using var stream = LedgerLineStream.Open(ledger, ledger);
        return LedgerVerifier.Verify(root, stream, Path.GetFileName(ledger), unlisted, [Path.GetFileName(ledger)], null, seen.Add);
    }

    [Fact]
    public void Records_beyond_the_window_are_reported_once_each_in_ledger_order_with_their_own_problems()
    {
        var (root, lines) = Tree(RecordsInOrder.Window * 2 + 100);
        File.AppendAllText(Path.Combine(root, "d3/f3"), "tampered");
        File.Delete(Path.Combine(root, "d7/f5007"));
        lines.Insert(6000, "not a checksum line");
        var ledger = _tree.Write("root/SHA256SUMS", string.Join('\n', lines) + "\n");
        var seen = new List<VerifiedRecord>();

        var result = Stream(root, ledger, seen);

        Assert.Equal(lines.Count - 1, seen.Count);
        Assert.Equal(seen.Select(s => s.Record.Line).Order(), seen.Select(s => s.Record.Line));
        Assert.Equal([("d3/f3", "RG4001"), ("d7/f5007", "RG4002")], seen.Where(s => s.Problem is not null).Select(s => (s.Record.Path, s.Problem!.Diagnostic.Code)));
        Assert.Equal(lines.Count - 3, result.Verified);
        Assert.Equal((lines.Count - 1, 1), (result.Records, result.Malformed));
        Assert.Equal(["RG4006", "RG4001", "RG4002"], result.Problems.Select(p => p.Diagnostic.Code));
        Assert.Equal(6001, result.Problems[0].Line);

        // The same ledger read whole gives the same problems.
        var whole = LedgerReader.Read(ledger);
        var listed = LedgerVerifier.Verify(root, whole.Records, "SHA256SUMS", false, ["SHA256SUMS"]);
        Assert.Equal(listed.Problems.Select(p => p.ToString()), result.Problems.Skip(1).Select(p => p.ToString()));
    }

    [Fact]
    public void A_path_listed_twice_with_two_digests_far_apart_is_one_conflict_naming_both_lines_and_a_repeat_with_one_digest_is_none()
    {
        var (root, lines) = Tree(9000);
        lines.Add(lines[0].Replace(lines[0][..64], new string('0', 64), StringComparison.Ordinal));
        lines.Add(lines[1]);
        var ledger = _tree.Write("root/SHA256SUMS", string.Join('\n', lines) + "\n");
        var seen = new List<VerifiedRecord>();

        var result = Stream(root, ledger, seen);

        var conflict = Assert.Single(result.Problems, p => p.Diagnostic.Code == "RG4010");
        Assert.Equal("d0/f0", conflict.Path);
        Assert.Contains("SHA256SUMS lines 1, 9001;", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Problems.Count);
        Assert.Equal("RG4001", Assert.Single(seen, s => s.Problem is not null).Problem!.Diagnostic.Code);
    }

    [Fact]
    public void Unlisted_files_are_found_without_a_set_of_listed_paths()
    {
        var (root, lines) = Tree(500);
        _tree.Write("root/d3/extra", "x");
        _tree.Write("root/zz-extra", "x");
        var ledger = _tree.Write("root/SHA256SUMS", string.Join('\n', lines.Skip(1)) + "\n");

        var result = Stream(root, ledger, [], unlisted: true);

        Assert.Equal([("d0/f0", "RG4003"), ("d3/extra", "RG4003"), ("zz-extra", "RG4003")], result.Problems.Select(p => (p.Path, p.Diagnostic.Code)));
    }

    [Fact]
    public void A_ledger_whose_bytes_change_between_the_two_reads_fails_rather_than_vouch_for_lines_never_checked()
    {
        var ledger = _tree.Write("SUMS", $"{new string('a', 64)}  x\n{new string('b', 64)}  x\n");
        using var stream = LedgerLineStream.Open(ledger, ledger);
        Assert.Equal(2, stream.Lines().Count(l => l.Record is not null));
        File.WriteAllText(ledger, $"{new string('a', 64)}  x\n{new string('a', 64)}  x\n");

        var error = Assert.Throws<IOException>(() => stream.Reread().ToList());
        Assert.Contains("changed while it was being verified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_bom_crlf_and_no_final_newline_read_as_the_whole_text_does()
    {
        var longName = new string('n', 200_000);
        var text = "\uFEFF" + $"{new string('a', 64)}  {longName}\r\n# comment\n\n{new string('B', 64)} *bin\nSHA256 (tag) = {new string('c', 64)}\nbad";
        var ledger = _tree.Write("SUMS", text);

        using var stream = LedgerLineStream.Open(ledger, ledger);
        var streamed = stream.Lines().ToList();

        var whole = LedgerReader.Parse(text, ledger);
        Assert.Equal(whole.Records, streamed.Where(l => l.Record is not null).Select(l => l.Record!));
        Assert.Equal(whole.Problems, streamed.Where(l => l.Malformed is not null).Select(l => l.Malformed!));
        Assert.Equal(longName, streamed[0].Record!.Path);
        Assert.Equal(3, whole.Records.Count);
    }
}
