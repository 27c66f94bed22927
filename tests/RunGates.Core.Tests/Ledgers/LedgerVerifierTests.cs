using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

public sealed class LedgerVerifierTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string WriteLedgerOver(params string[] files)
    {
        foreach (var file in files)
        {
            _tree.Write("root/" + file, $"content of {file}\n");
        }

        return _tree.Write("root/SHA256SUMS", LedgerWriter.Format(LedgerWriter.Build(_tree["root"], ["**/*"], ["SHA256SUMS"])));
    }

    [Fact]
    public void An_untouched_tree_verifies()
    {
        var ledger = WriteLedgerOver("a.txt", "sub/b.txt");

        var result = LedgerVerifier.Verify(ledger, reportUnlisted: true);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(2, result.Verified);
    }

    [Fact]
    public void Reports_every_mismatch_missing_and_unlisted_file_not_just_the_first()
    {
        var ledger = WriteLedgerOver("a.txt", "b.txt", "c.txt", "d.txt");
        File.AppendAllText(_tree["root/a.txt"], "tampered");
        File.AppendAllText(_tree["root/c.txt"], "tampered");
        File.Delete(_tree["root/b.txt"]);
        File.Delete(_tree["root/d.txt"]);
        _tree.Write("root/new.txt", "extra");
        _tree.Write("root/sub/new2.txt", "extra");

        var result = LedgerVerifier.Verify(ledger, reportUnlisted: true);

        Assert.Equal(
            [("a.txt", "RG4001"), ("b.txt", "RG4002"), ("c.txt", "RG4001"), ("d.txt", "RG4002"), ("new.txt", "RG4003"), ("sub/new2.txt", "RG4003")],
            result.Problems.Select(p => (p.Path, p.Diagnostic.Code)));
        Assert.Matches("^SHA-256 is [0-9a-f]{64}, expected [0-9a-f]{64} \\(SHA256SUMS line 1\\)$", result.Problems[0].Message);
    }

    [Fact]
    public void Unlisted_files_are_only_reported_when_asked()
    {
        var ledger = WriteLedgerOver("a.txt");
        _tree.Write("root/extra.txt", "x");

        Assert.True(LedgerVerifier.Verify(ledger).Succeeded);
        Assert.Equal("extra.txt", Assert.Single(LedgerVerifier.Verify(ledger, reportUnlisted: true).Problems).Path);
    }

    [Fact]
    public void Links_that_stay_inside_the_root_verify_and_a_listed_folder_is_reported_missing()
    {
        var content = _tree.Write("root/real/a.txt", "a\n");
        var hex = Sha256FileHasher.Hash(content).Sha256;
        File.CreateSymbolicLink(_tree["root/file-link"], "real/a.txt");
        Directory.CreateSymbolicLink(_tree["root/folder-link"], "real");
        var ledger = _tree.Write("root/SHA256SUMS", $"{hex}  real/a.txt\n{hex}  file-link\n{hex}  folder-link/a.txt\n{hex}  real\n");

        var result = LedgerVerifier.Verify(ledger);

        Assert.Equal(3, result.Verified);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("RG4002", "real"), (problem.Diagnostic.Code, problem.Path));
        Assert.Contains("found a folder", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_that_leave_the_root_are_refused_without_being_read()
    {
        const string hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        _tree.Write("outside.txt", "");
        // A FIFO blocks whoever opens it for reading: if the verifier read through the link, this test would hang.
        Assert.Equal(0, ExternalTool.Run(_tree.Path, "mkfifo", "pipe").ExitCode);
        Directory.CreateDirectory(_tree["root"]);
        File.CreateSymbolicLink(_tree["root/to-pipe"], "../pipe");
        Directory.CreateSymbolicLink(_tree["root/up"], "..");
        var ledger = _tree.Write("root/SHA256SUMS",
            $"{hex}  ../outside.txt\n{hex}  /etc/hostname\n{hex}  C:/Windows/win.ini\n{hex}  nul\0byte\n{hex}  to-pipe\n{hex}  up/outside.txt\n");

        // A hang here means the verifier opened the FIFO outside the root.
        var result = await Task.Run(() => LedgerVerifier.Verify(ledger)).WaitAsync(TimeSpan.FromSeconds(20));

        var problems = result.Problems;
        Assert.Equal(6, problems.Count);
        Assert.All(problems, p => Assert.Equal("RG4004", p.Diagnostic.Code));
        Assert.Contains(problems, p => p.Path == "to-pipe" && p.Message.Contains("outside the root", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "../outside.txt" && p.Message.Contains("'..'", StringComparison.Ordinal));
    }

    [Fact]
    public void One_path_listed_with_two_digests_is_a_conflict_naming_both_lines()
    {
        var ledger = WriteLedgerOver("a.txt");
        File.AppendAllText(ledger, $"{new string('0', 64)}  ./a.txt\n");

        var result = LedgerVerifier.Verify(ledger);

        Assert.Contains(result.Problems, p => p.Diagnostic.Code == "RG4010" && p.Path == "a.txt" && p.Message.Contains("lines 1, 2", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Diagnostic.Code == "RG4001" && p.Line == 2);
    }

    private static readonly string[] Awkward = ["a b.txt", "caf\u00e9.txt", "cafe\u0301.txt", "back\\slash", "new\nline", "-dash", "empty", "sub/x.bin"];

    [Theory]
    [InlineData("sha256sum")]
    [InlineData("sha256sum --tag")]
    [InlineData("sha256sum --binary")]
    public void Accepts_what_real_sha256sum_writes(string command)
    {
        foreach (var name in Awkward)
        {
            _tree.Write("root/" + name, name == "empty" ? "" : name);
        }

        var (exit, text, error) = ExternalTool.Run(_tree["root"], "sh", ["-c", command + " -- \"$@\"", "sh", .. Awkward]);
        Assert.True(exit == 0, error);
        var ledger = _tree.Write("root/SHA256SUMS", text);

        var result = LedgerVerifier.Verify(ledger, reportUnlisted: true);

        Assert.True(result.Succeeded, text + string.Join('\n', result.Problems));
        Assert.Equal(Awkward.Length, result.Verified);
    }

    [Fact]
    public void Accepts_hand_made_variants_crlf_bom_upper_case_dot_slash_binary_marker_and_escapes()
    {
        _tree.Write("root/a.txt", "a");
        _tree.Write("root/dir/b.txt", "b");
        _tree.Write("root/back\\slash", "c");
        string Digest(string name) => Sha256FileHasher.Hash(_tree["root/" + name]).Sha256!;
        var ledger = _tree.Write("root/SHA256SUMS",
            "\uFEFF" + $"{Digest("a.txt").ToUpperInvariant()}  ./a.txt\r\n{Digest("dir/b.txt")} *./dir/b.txt\r\n\\{Digest("back\\slash")}  back\\\\slash\r\n");

        var result = LedgerVerifier.Verify(ledger, reportUnlisted: true);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(3, result.Verified);
    }

    [Fact]
    public async Task A_fifo_swapped_in_for_a_listed_file_is_RG4030_for_that_file_and_never_blocks()
    {
        var ledger = WriteLedgerOver("a.txt", "sub/b.txt");
        File.Delete(_tree["root/sub/b.txt"]);
        Assert.Equal(0, ExternalTool.Run(_tree["root/sub"], "mkfifo", "b.txt").ExitCode);

        // Opening a FIFO with no writer blocks for ever: a hang here is the defect.
        var result = await Task.Run(() => LedgerVerifier.Verify(ledger)).WaitAsync(TimeSpan.FromSeconds(30));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("RG4030", problem.Diagnostic.Code);
        Assert.Equal("sub/b.txt", problem.Path);
        Assert.Contains("is a named pipe (FIFO), not a regular file", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Verified);
    }

    [Fact]
    public async Task A_root_on_proc_is_refused_with_RG4031_for_every_entry_and_nothing_is_read()
    {
        var records = new[] { new LedgerRecord("status", new string('0', 64), 1), new LedgerRecord("task/1/stat", new string('0', 64), 2) };

        var result = await Task.Run(() => LedgerVerifier.Verify("/proc/self", records, "SUMS", reportUnlisted: true, [])).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Equal("RG4031", p.Diagnostic.Code));
        Assert.Contains("proc pseudo file system", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Verified);
    }
}
