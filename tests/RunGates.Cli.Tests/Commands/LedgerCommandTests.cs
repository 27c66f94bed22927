using System.Text.RegularExpressions;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Commands;

public sealed class LedgerCommandTests : IDisposable
{
    private const string Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly string[] Names = ["a b.txt", "caf\u00e9.txt", "cafe\u0301.txt", "back\\slash", "new\nline", "-dash", "empty", "sub/x.bin"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<CliRun> Run(params string[] args) => RunGatesCli.RunAsync(_folder.Path, ["ledger", .. args]);

    private void MakeTree()
    {
        foreach (var name in Names)
        {
            _folder.Write("root/" + name, name == "empty" ? "" : $"content of {name}\n");
        }
    }

    private static (int ExitCode, string Out, string Error) Sha256sum(string directory, params string[] args) =>
        ExternalTool.RunInLocale("C", directory, "sha256sum", args);

    [Fact]
    public async Task Write_prints_exactly_what_sha256sum_prints_for_the_sorted_files()
    {
        MakeTree();

        var run = await Run("write", "--root", "root");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        var sorted = Names.Order(RunGates.Core.Ledgers.Utf8OrdinalComparer.Instance).ToArray();
        var (exit, theirs, error) = Sha256sum(_folder["root"], ["--", .. sorted]);
        Assert.True(exit == 0, error);
        Assert.Equal(theirs, run.Out);
    }

    [Fact]
    public async Task Write_to_a_file_inside_the_root_leaves_itself_out_and_sha256sum_check_accepts_it()
    {
        MakeTree();
        _folder.Write("root/old.log", "x");

        var run = await Run("write", "--root", "root", "--exclude", "*.log", "-o", "root/SHA256SUMS");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Out);
        var text = File.ReadAllText(_folder["root/SHA256SUMS"]);
        Assert.DoesNotContain("SHA256SUMS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old.log", text, StringComparison.Ordinal);
        var (exit, output, error) = Sha256sum(_folder["root"], "-c", "--strict", "SHA256SUMS");
        Assert.True(exit == 0, output + error);
        Assert.Equal(Names.Length, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Write_refuses_a_link_leaving_the_root_naming_it_and_exits_1()
    {
        _folder.Write("secret.txt", "s");
        _folder.Write("root/ok.txt", "ok");
        File.CreateSymbolicLink(_folder["root/escape.txt"], "../secret.txt");

        var run = await Run("write", "--root", "root", "-o", "SHA256SUMS");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("escape.txt: error RG4004: symbolic link leads to", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["SHA256SUMS"]));
    }

    [Fact]
    public async Task Verify_of_an_untouched_tree_prints_OK_per_line_and_exits_0()
    {
        MakeTree();
        await Run("write", "--root", "root", "-o", "root/SHA256SUMS");

        var run = await Run("verify", "root/SHA256SUMS", "--unlisted");

        Assert.True(run.ExitCode == 0, run.ToString());
        var (_, theirs, _) = Sha256sum(_folder["root"], "-c", "SHA256SUMS");
        Assert.Equal(theirs, run.Out);
        Assert.Equal("", run.Error);
        Assert.Equal("", (await Run("verify", "root/SHA256SUMS", "--quiet")).Out);
    }

    [Fact]
    public async Task Verify_reports_every_mismatch_missing_and_unlisted_file_and_exits_1()
    {
        MakeTree();
        await Run("write", "--root", "root", "-o", "root/SHA256SUMS");
        File.AppendAllText(_folder["root/a b.txt"], "tampered");
        File.AppendAllText(_folder["root/sub/x.bin"], "tampered");
        File.Delete(_folder["root/-dash"]);
        File.Delete(_folder["root/empty"]);
        _folder.Write("root/extra.txt", "new");

        var run = await Run("verify", "root/SHA256SUMS", "--unlisted");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("a b.txt: FAILED\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("sub/x.bin: FAILED\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("-dash: FAILED open or read\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("empty: FAILED open or read\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("\\new\\nline: OK\n", run.Out, StringComparison.Ordinal);
        var codes = run.Error.Split('\n').Select(l => Regex.Match(l, "^(.*): error (RG[0-9]{4}): ")).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value));
        Assert.Equal([("-dash", "RG4002"), ("a b.txt", "RG4001"), ("empty", "RG4002"), ("extra.txt", "RG4003"), ("sub/x.bin", "RG4001")], codes);
        Assert.Contains("WARNING: 2 computed checksums did NOT match", run.Error, StringComparison.Ordinal);
        Assert.Contains("WARNING: 2 listed files could not be read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignore_missing_skips_absent_files_like_sha256sum_but_fails_when_nothing_was_verified()
    {
        _folder.Write("root/here.txt", "");
        _folder.Write("root/SHA256SUMS", $"{Empty}  here.txt\n{Empty}  gone.txt\n");
        _folder.Write("root/NONE", $"{Empty}  gone.txt\n");

        var without = await Run("verify", "root/SHA256SUMS");
        var with = await Run("verify", "root/SHA256SUMS", "--ignore-missing");
        var none = await Run("verify", "root/NONE", "--ignore-missing");

        Assert.Equal(1, without.ExitCode);
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Equal("here.txt: OK\n", with.Out);
        Assert.Equal("", with.Error);
        Assert.Equal(Sha256sum(_folder["root"], "-c", "--ignore-missing", "SHA256SUMS").ExitCode, with.ExitCode);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("no file was verified", none.Error, StringComparison.Ordinal);
        Assert.Equal(Sha256sum(_folder["root"], "-c", "--ignore-missing", "NONE").ExitCode, none.ExitCode);
    }

    [Fact]
    public async Task A_malformed_line_warns_and_exits_1_only_with_strict_as_sha256sum_does()
    {
        _folder.Write("root/here.txt", "");
        _folder.Write("root/SHA256SUMS", $"{Empty}  here.txt\nthis is not a ledger line\n");

        var lenient = await Run("verify", "root/SHA256SUMS");
        var strict = await Run("verify", "root/SHA256SUMS", "--strict");

        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains("SHA256SUMS(2): error RG4006: line 2: expected", lenient.Error, StringComparison.Ordinal);
        Assert.Contains("WARNING: 1 line is improperly formatted", lenient.Error, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.Equal(Sha256sum(_folder["root"], "-c", "SHA256SUMS").ExitCode, lenient.ExitCode);
        Assert.Equal(Sha256sum(_folder["root"], "-c", "--strict", "SHA256SUMS").ExitCode, strict.ExitCode);
    }

    [Theory]
    [InlineData("sha256sum")]
    [InlineData("sha256sum --tag")]
    [InlineData("sha256sum --binary")]
    public async Task Verify_accepts_ledgers_written_by_sha256sum_with_a_root_elsewhere(string command)
    {
        MakeTree();
        var args = command.Split(' ').Skip(1).Append("--").Concat(Names).ToArray();
        var (exit, text, error) = Sha256sum(_folder["root"], args);
        Assert.True(exit == 0, error);
        _folder.Write("sums/SHA256SUMS", text);

        var run = await Run("verify", "sums/SHA256SUMS", "--root", "root", "--unlisted");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Names.Length, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Verify_accepts_crlf_bom_upper_case_hex_dot_slash_binary_marker_and_escaped_names()
    {
        _folder.Write("root/a.txt", "");
        _folder.Write("root/b\\c", "");
        _folder.Write("root/SHA256SUMS", $"\uFEFF{Empty.ToUpperInvariant()}  ./a.txt\r\n\\{Empty} *b\\\\c\r\nSHA256 (a.txt) = {Empty}\r\n");

        var run = await Run("verify", "root/SHA256SUMS", "--strict");

        Assert.True(run.ExitCode == 0, run.ToString());
        // Names are echoed as listed, ./ kept, as sha256sum -c echoes them.
        Assert.Equal("./a.txt: OK\nb\\c: OK\na.txt: OK\n", run.Out);
    }

    [Fact]
    public async Task Entries_leaving_the_root_fail_with_RG4004_and_are_never_read()
    {
        _folder.Write("outside.txt", "");
        _folder.Write("root/ok.txt", "");
        File.CreateSymbolicLink(_folder["root/link"], "../outside.txt");
        _folder.Write("root/SHA256SUMS", $"{Empty}  ok.txt\n{Empty}  ../outside.txt\n{Empty}  /etc/hostname\n{Empty}  C:/x\n{Empty}  link\n");

        var run = await Run("verify", "root/SHA256SUMS");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("ok.txt: OK\n../outside.txt: FAILED open or read\n/etc/hostname: FAILED open or read\nC:/x: FAILED open or read\nlink: FAILED open or read\n", run.Out);
        Assert.Equal(4, run.Error.Split('\n').Count(l => l.Contains(": error RG4004: ", StringComparison.Ordinal) && l.Contains("refused, not read", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Merge_of_three_shards_writes_the_sorted_union_and_a_conflict_names_both_shards()
    {
        var a = new string('a', 64);
        var b = new string('b', 64);
        _folder.Write("linux.sha256", $"{a}  bin/linux\n{Empty}  README\n");
        _folder.Write("mac.sha256", $"{b}  bin/mac\n{Empty}  README\n");
        _folder.Write("win.sha256", $"{a}  bin/win.exe\n{Empty}  README\n");

        var merged = await Run("merge", "linux.sha256", "mac.sha256", "win.sha256", "-o", "SHA256SUMS");

        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Equal($"{Empty}  README\n{a}  bin/linux\n{b}  bin/mac\n{a}  bin/win.exe\n", File.ReadAllText(_folder["SHA256SUMS"]));

        File.AppendAllText(_folder["win.sha256"], $"{b}  bin/linux\n");
        var conflict = await Run("merge", "linux.sha256", "mac.sha256", "win.sha256", "-o", "OTHER");

        Assert.True(conflict.ExitCode == 1, conflict.ToString());
        Assert.Contains($"bin/linux: error RG4010: listed with SHA-256 {a} in linux.sha256 line 1 and with {b} in win.sha256 line 3", conflict.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["OTHER"]));
    }

    [Theory]
    [InlineData("write")]
    [InlineData("write --root nowhere")]
    [InlineData("verify nowhere/SHA256SUMS")]
    [InlineData("merge a.sha256")]
    [InlineData("merge missing.sha256 -o OUT")]
    public async Task Usage_errors_exit_2(string args)
    {
        _folder.Write("a.sha256", $"{Empty}  x\n");

        var run = await Run(args.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("rungates: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminal_gets_a_progress_bar_on_stderr_and_a_pipe_gets_none()
    {
        Directory.CreateDirectory(_folder["root"]);
        using (var big = File.Create(_folder["root/big.img"]))
        {
            // Sparse: about a second of hashing, long enough for several frames.
            big.SetLength(2L << 30);
        }

        var piped = await Run("write", "--root", "root");
        var stderr = new StringWriter();
        var console = new CliConsole(new StringWriter(), stderr, new Dictionary<string, string>(), _folder.Path) { ErrorIsTerminal = true };
        var exit = await RunGatesApp.RunAsync(["ledger", "write", "--root", "root"], console, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal("", piped.Error);
        Assert.Matches(@"\r\[[#-]{30}\] +[0-9]+% [01]/1 files, [0-9]+/2048 MiB, [0-9]+ MiB/s", stderr.ToString());
        Assert.EndsWith("\r\u001b[2K", stderr.ToString(), StringComparison.Ordinal);
    }
}
