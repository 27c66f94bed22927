using RunGates.Core.Ledgers;
using RunGates.Tests;

namespace RunGates.Core.Tests.Ledgers;

/// <summary>
/// <c>ledger verify</c> hands a sorted ledger's records to the workers in groups of one folder's consecutive lines,
/// opening each file by its name relative to the folder's descriptor: every refusal of the record-by-record path holds
/// in the middle of a group, and groups split where the folder changes or a group is full.
/// </summary>
public sealed class LedgerVerifierFolderGroupsTests : IDisposable
{
    private const int FilesPerFolder = 700;

    private readonly TempFolder _tree = new();

    public void Dispose()
    {
        // .NET's recursive delete cannot name files whose names are not UTF-8.
        _ = ExternalTool.Run(Path.GetTempPath(), "rm", "-rf", _tree.Path);
        _tree.Dispose();
    }

    /// <summary>Folders a and b of <see cref="FilesPerFolder"/> files each (more than two groups each), and their ledger by the real sha256sum.</summary>
    private (string Root, string Ledger) SortedTree()
    {
        var root = _tree["root"];
        var names = new List<string>();
        foreach (var folder in new[] { "a", "b" })
        {
            for (var i = 0; i < FilesPerFolder; i++)
            {
                var name = $"{folder}/f{i:D4}";
                _tree.Write("root/" + name, $"content {i}\n");
                names.Add(name);
            }
        }

        var (exit, sums, error) = ExternalTool.Run(root, "sha256sum", ["--", .. names]);
        Assert.True(exit == 0, error);
        return (root, _tree.Write("root/SHA256SUMS", sums));
    }

    private static LedgerVerification Verify(string root, string ledger, List<VerifiedRecord> seen)
    {
        using var stream = LedgerLineStream.Open(ledger, ledger);
        return LedgerVerifier.Verify(root, stream, "SHA256SUMS", false, ["SHA256SUMS"], null, seen.Add);
    }

    [Fact]
    public void An_untouched_sorted_tree_verifies_every_record_in_ledger_order()
    {
        var (root, ledger) = SortedTree();
        var seen = new List<VerifiedRecord>();

        var result = Verify(root, ledger, seen);

        Assert.Empty(result.Problems);
        Assert.Equal(2 * FilesPerFolder, result.Verified);
        Assert.Equal(Enumerable.Range(1, 2 * FilesPerFolder), seen.Select(s => s.Record.Line));
    }

    [Fact]
    public async Task A_fifo_a_link_out_of_the_root_a_folder_a_missing_and_a_changed_file_inside_a_group_each_fail_as_record_by_record()
    {
        var (root, ledger) = SortedTree();
        // Each stands between plain files of the same group (records 300-306 of folder a's 700).
        _tree.Write("outside/f0301", "content 301\n");
        File.Delete(_tree["root/a/f0300"]);
        Assert.Equal(0, ExternalTool.Run(_tree["root/a"], "mkfifo", "f0300").ExitCode);
        File.Delete(_tree["root/a/f0301"]);
        File.CreateSymbolicLink(_tree["root/a/f0301"], "../../outside/f0301");
        File.Delete(_tree["root/a/f0302"]);
        File.Delete(_tree["root/a/f0303"]);
        Directory.CreateDirectory(_tree["root/a/f0303"]);
        File.AppendAllText(_tree["root/a/f0304"], "tampered");
        // A link to a file inside the root with the same content is followed, as before.
        File.Delete(_tree["root/a/f0305"]);
        _tree.Write("root/c/f0305", "content 305\n");
        File.CreateSymbolicLink(_tree["root/a/f0305"], "../c/f0305");
        var seen = new List<VerifiedRecord>();

        // A hang here means the FIFO was opened for reading as a file.
        var result = await Task.Run(() => Verify(root, ledger, seen)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(
            [("a/f0300", "RG4030"), ("a/f0301", "RG4004"), ("a/f0302", "RG4002"), ("a/f0303", "RG4002"), ("a/f0304", "RG4001")],
            result.Problems.Select(p => (p.Path, p.Diagnostic.Code)));
        Assert.Contains("outside the root", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("found a folder", result.Problems[3].Message, StringComparison.Ordinal);
        Assert.Equal(2 * FilesPerFolder - 5, result.Verified);
        Assert.Equal(Enumerable.Range(1, 2 * FilesPerFolder), seen.Select(s => s.Record.Line));
    }

    [Fact]
    public void A_folder_listed_through_a_link_out_of_the_root_is_refused_and_one_inside_is_followed()
    {
        var (root, _) = SortedTree();
        _tree.Write("outside/f0001", "content 1\n");
        Directory.CreateSymbolicLink(_tree["root/out"], "../outside");
        Directory.CreateSymbolicLink(_tree["root/in"], "a");
        var digest = Sha256FileHasher.Hash(_tree["root/a/f0001"]).Sha256;
        var ledger = _tree.Write("root/L", $"{digest}  in/f0001\n{digest}  in/f0002\n{digest}  out/f0001\n{digest}  a/./f0001\n{digest}  a//f0001\n{digest}  a/f0001/\n{digest}  a/.\n");
        var seen = new List<VerifiedRecord>();

        var result = Verify(root, ledger, seen);

        Assert.Equal(
            [("a/.", "RG4002"), ("a/f0001/", "RG4002"), ("in/f0002", "RG4001"), ("out/f0001", "RG4004")],
            result.Problems.Select(p => (p.Path, p.Diagnostic.Code)));
        Assert.Equal(3, result.Verified);
    }

    [Fact]
    public void Lines_of_one_folder_that_are_not_consecutive_and_names_that_are_not_utf8_verify()
    {
        var root = _tree["root"];
        Directory.CreateDirectory(_tree["root/x"]);
        // A name whose bytes are not UTF-8 (0xff), written by the shell, listed by sha256sum with its raw bytes.
        Assert.Equal(0, ExternalTool.Run(_tree["root/x"], "sh", "-c", "printf 'one\\n' > \"$(printf 'n\\377')\"; printf 'two\\n' > plain").ExitCode);
        _tree.Write("root/y/z", "three\n");
        // Written by sha256sum itself: the name's byte 0xff must reach the ledger as it is, not through a decoded string.
        var (exit, _, error) = ExternalTool.Run(root, "sh", "-c", "sha256sum x/plain y/z x/n* > SHA256SUMS");
        Assert.True(exit == 0, error);
        var ledger = Path.Combine(root, "SHA256SUMS");
        var seen = new List<VerifiedRecord>();

        var result = Verify(root, ledger, seen);

        Assert.Empty(result.Problems);
        Assert.Equal(3, result.Verified);
        Assert.Equal("x/n\udcff", seen[2].Record.Path);
    }

    [Fact]
    public void A_link_out_of_the_root_whose_name_is_not_utf8_as_the_files_folder_is_never_read_through()
    {
        // root/d<0xFE> -> ../outside, listed as d<0xFE>/secret with the digest of outside/secret: the group's folder is
        // opened with O_NOFOLLOW, so the link is not followed even while the resolution (RootedPath, asking .NET about
        // the U+FFFD spelling) takes it for a plain folder; and since RootedPath asks libc by the name's bytes
        // (attack-findings #5) the resolution itself sees the link and refuses it.
        Shell("""
            mkdir -p root outside && echo secret > outside/secret
            ln -s ../outside "root/$(printf 'd\376')"
            printf '%s  %s\n' "$(sha256sum outside/secret | cut -c1-64)" "$(printf 'd\376/secret')" > root/SHA256SUMS
            """);
        var seen = new List<VerifiedRecord>();

        var result = Verify(_tree["root"], _tree["root/SHA256SUMS"], seen);

        Assert.Equal(0, result.Verified);
        Assert.Equal("RG4004", Assert.Single(result.Problems).Diagnostic.Code);
    }

    [Fact]
    public void A_link_out_of_the_root_whose_name_is_not_utf8_as_an_ancestor_is_refused()
    {
        Shell("""
            mkdir -p root outside/sub && echo secret > outside/sub/secret
            ln -s ../outside "root/$(printf 'd\376')"
            printf '%s  %s\n' "$(sha256sum outside/sub/secret | cut -c1-64)" "$(printf 'd\376/sub/secret')" > root/SHA256SUMS
            """);
        var seen = new List<VerifiedRecord>();

        var result = Verify(_tree["root"], _tree["root/SHA256SUMS"], seen);

        Assert.Equal(0, result.Verified);
        Assert.Equal("RG4004", Assert.Single(result.Problems).Diagnostic.Code);
    }

    private void Shell(string script) => Assert.Equal(0, ExternalTool.Run(_tree.Path, "sh", "-c", script).ExitCode);
}
