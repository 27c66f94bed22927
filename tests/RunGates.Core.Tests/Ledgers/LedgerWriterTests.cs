using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

public sealed class LedgerWriterTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    // Not "-": sha256sum reads standard input for that name even after "--" and in -c, so no ledger can list it portably.
    private static readonly string[] AwkwardNames =
    [
        "a b.txt", "ünïcode-ファイル.txt", "back\\slash.txt", "new\nline.txt", "carriage\rreturn.txt", "-leading-dash", "empty", "sub/deep/x.json", ".hidden",
        "caf\u00e9-nfc.txt", "cafe\u0301-nfd.txt", "with  two spaces", "--", "dir with space/-dash\\and\nall",
    ];

    private string MakeAwkwardTree()
    {
        var root = _tree["root"];
        foreach (var name in AwkwardNames)
        {
            _tree.Write("root/" + name, name == "empty" ? "" : $"content of {name}\n");
        }

        return root;
    }

    [Fact]
    public void Ledger_is_byte_for_byte_what_sha256sum_writes_for_the_same_sorted_list()
    {
        var root = MakeAwkwardTree();

        var entries = LedgerWriter.Build(root, ["**/*"], []);
        var ours = LedgerWriter.Format(entries);

        var sorted = AwkwardNames.Order(Utf8OrdinalComparer.Instance).ToArray();
        Assert.Equal(sorted, entries.Select(e => e.Path));
        var (exit, theirs, error) = ExternalTool.Run(root, "sha256sum", ["--", .. sorted]);
        Assert.True(exit == 0, error);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Sha256sum_check_accepts_the_ledger_we_write()
    {
        var root = MakeAwkwardTree();
        File.WriteAllText(Path.Combine(root, "SHA256SUMS"), LedgerWriter.Format(LedgerWriter.Build(root, ["**/*"], ["SHA256SUMS"])));

        var (exit, output, error) = ExternalTool.Run(root, "sha256sum", "-c", "--strict", "SHA256SUMS");

        Assert.True(exit == 0, output + error);
        Assert.Equal(AwkwardNames.Length, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
    }

    [Fact]
    public void Entries_are_sorted_by_utf8_bytes_like_c_locale_sort()
    {
        string[] names = ["z", "Z", "é", "\uFFFD", "😀", "a.b", "a-b", "a/b"];
        foreach (var name in names)
        {
            _tree.Write("root/" + name, name);
        }

        var paths = LedgerWriter.Build(_tree["root"], ["**/*"], []).Select(e => e.Path).ToArray();

        var (_, sorted, _) = ExternalTool.Run(_tree.Path, "sh", ["-c", "printf '%s\\n' \"$@\" | LC_ALL=C sort", "sh", .. names]);
        Assert.Equal(sorted.TrimEnd('\n').Split('\n'), paths);
    }

    [Fact]
    public void Include_and_exclude_globs_select_the_files()
    {
        _tree.Write("root/reports/a.json", "1");
        _tree.Write("root/reports/b.log", "2");
        _tree.Write("root/other/c.json", "3");

        var paths = LedgerWriter.Build(_tree["root"], ["reports/**/*", "other/*.json"], ["**/*.log"]).Select(e => e.Path);

        Assert.Equal(["other/c.json", "reports/a.json"], paths);
    }

    [Fact]
    public void Entries_carry_size_and_lowercase_digest_of_an_empty_file()
    {
        _tree.Write("root/empty", "");

        var entry = Assert.Single(LedgerWriter.Build(_tree["root"], [], []));

        Assert.Equal(new LedgerEntry("empty", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0), entry);
    }

    [Fact]
    public void A_link_inside_the_root_is_hashed_under_its_own_path()
    {
        _tree.Write("root/data/real.txt", "real\n");
        File.CreateSymbolicLink(_tree["root/alias.txt"], "data/real.txt");
        Directory.CreateSymbolicLink(_tree["root/linked"], "data");

        var entries = LedgerWriter.Build(_tree["root"], ["**/*"], []);

        Assert.Equal(["alias.txt", "data/real.txt", "linked/real.txt"], entries.Select(e => e.Path));
        Assert.Single(entries.Select(e => e.Sha256).Distinct());
    }

    [Fact]
    public void Links_that_leave_the_root_or_dangle_are_refused_each_by_name()
    {
        _tree.Write("secret.txt", "outside\n");
        _tree.Write("root/ok.txt", "ok\n");
        File.CreateSymbolicLink(_tree["root/escape.txt"], "../secret.txt");
        Directory.CreateSymbolicLink(_tree["root/escape-dir"], _tree.Path);
        File.CreateSymbolicLink(_tree["root/dangling.txt"], "nowhere.txt");

        var e = Assert.Throws<LedgerBuildException>(() => LedgerWriter.Build(_tree["root"], ["**/*"], []));

        Assert.Equal(
            [("dangling.txt", "RG4002"), ("escape-dir", "RG4004"), ("escape.txt", "RG4004")],
            e.Problems.Select(p => (p.Path, p.Diagnostic.Code)));
        Assert.Contains("escape.txt: error RG4004: symbolic link leads to", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_excluded_link_that_leaves_the_root_does_not_fail_the_ledger()
    {
        _tree.Write("root/ok.txt", "ok\n");
        File.CreateSymbolicLink(_tree["root/escape.log"], "/etc/hostname");

        var entries = LedgerWriter.Build(_tree["root"], ["**/*"], ["*.log"]);

        Assert.Equal(["ok.txt"], entries.Select(e => e.Path));
    }

    [Fact]
    public void A_folder_link_looping_to_its_ancestor_is_refused_not_walked_forever()
    {
        _tree.Write("root/a/file.txt", "x");
        Directory.CreateSymbolicLink(_tree["root/a/loop"], "..");

        var e = Assert.Throws<LedgerBuildException>(() => LedgerWriter.Build(_tree["root"], ["**/*"], []));

        Assert.Equal(DiagnosticCatalog.PathEscapesRoot, Assert.Single(e.Problems).Diagnostic);
        Assert.Equal("a/loop", e.Problems[0].Path);
    }

    [Fact]
    public void Nfc_and_nfd_spellings_of_one_name_stay_two_files_with_their_own_bytes()
    {
        var root = MakeAwkwardTree();

        var paths = LedgerWriter.Build(root, [], []).Select(e => e.Path).ToList();

        // No normalisation: the ledger names the bytes on disk, as sha256sum does.
        Assert.Contains("caf\u00e9-nfc.txt", paths);
        Assert.Contains("cafe\u0301-nfd.txt", paths);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_sparse_file_over_4_GiB_hashes_as_sha256sum_does_and_sha256sum_check_accepts_the_ledger()
    {
        var root = MakeAwkwardTree();
        using (var big = File.Create(Path.Combine(root, "big.img")))
        {
            big.SetLength((4L << 30) + 1);
        }

        var entries = LedgerWriter.Build(root, [], ["SHA256SUMS"]);
        File.WriteAllText(Path.Combine(root, "SHA256SUMS"), LedgerWriter.Format(entries));

        var big4 = Assert.Single(entries, e => e.Path == "big.img");
        Assert.Equal((4L << 30) + 1, big4.Size);
        var (exit, output, error) = ExternalTool.Run(root, "sha256sum", "-c", "--strict", "SHA256SUMS");
        Assert.True(exit == 0, output + error);
        Assert.Contains("big.img: OK", output, StringComparison.Ordinal);
        Assert.Equal(AwkwardNames.Length + 1, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_fifo_under_the_root_fails_the_ledger_with_RG4030_naming_it_and_never_blocks()
    {
        _tree.Write("root/a.txt", "a");
        Assert.Equal(0, ExternalTool.Run(_tree["root"], "mkfifo", "pipe").ExitCode);

        var build = Task.Run(() => LedgerWriter.Build(_tree["root"], ["**/*"], []));
        var error = await Assert.ThrowsAsync<LedgerBuildException>(() => build.WaitAsync(TimeSpan.FromSeconds(30)));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("RG4030", problem.Diagnostic.Code);
        Assert.Equal("pipe", problem.Path);
        Assert.Contains("named pipe", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_root_on_proc_is_refused_with_RG4031_before_it_is_walked()
    {
        // /proc/self holds links back into itself and files that never end: walking it was a hang.
        var build = Task.Run(() => LedgerWriter.Build("/proc/self", ["**/*"], []));
        var error = await Assert.ThrowsAsync<LedgerBuildException>(() => build.WaitAsync(TimeSpan.FromSeconds(30)));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("RG4031", problem.Diagnostic.Code);
        Assert.Contains("proc pseudo file system", problem.Message, StringComparison.Ordinal);
    }
}
