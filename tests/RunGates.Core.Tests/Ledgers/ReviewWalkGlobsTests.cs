using System.Diagnostics;
using System.Text;
using RunGates.Core.Ledgers;
using RunGates.Tests;

namespace RunGates.Core.Tests.Ledgers;

/// <summary>
/// Review (issue #15): the descriptor walk with the globs inside it (folders pruned by <see cref="WalkGlobs.MayEnter"/>)
/// selects exactly the files and problems the old walk-then-select did, over many include/exclude pairs; and the
/// ledger it writes is <c>LC_ALL=C sort</c> order over a tree of names around '/'.
/// </summary>
public sealed class ReviewWalkGlobsTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private static readonly string[] Globs =
    [
        "**/x", "a/*", "a/**", "**/b/**", "a/*/x", "*/x", "a", "a/", "./a/*", "/a/*", "a//b/*", "**/*.txt", "a*/**",
        "*.txt", "a/b", "**", "a\\b\\*", "**/a", "b/**/x", "*/*/*", "a/**/x", "**/b", "l/**", "l/*", "**/*", "a.b/*",
        "a-b/**", "*", "**/x.txt", "a/b/", "**/b/", "a/b/**/*", "d/**/*.txt",
    ];

    private string Tree()
    {
        Shell(_tree.Path, """
            set -e
            mkdir -p r && cd r
            mkdir -p a/b/c a.b a-b b/x d/e "sp ace" $'\xff'dir
            for f in x x.txt a/x a/x.txt a/b/x a/b/x.txt a/b/c/x a/b/c/y.txt a.b/x a-b/x a-b/y.txt b/x/x b/x/x.txt d/e/x.txt d/x "sp ace/x" $'\xff'dir/x $'\xff'dir/$'\x80'.txt a/'b\c' '-y' 'a/-' '.x' ' x'; do printf '%s' "$f" > "$f"; done
            ln -s a l
            ln -s a/b lb
            ln -s ../../a.b/x a/b/lx
            ln -s . a/self
            """);
        return _tree["r"];
    }

    [Fact]
    public void Review_the_walk_with_globs_inside_selects_what_the_old_walk_then_select_selected()
    {
        var root = Tree();
        var differences = new List<string>();
        var pairs = new List<(string[], string[])> { ([], []) };
        pairs.AddRange(Globs.Select(g => (new[] { g }, Array.Empty<string>())));
        pairs.AddRange(Globs.Select(g => (Array.Empty<string>(), new[] { g })));
        pairs.AddRange(from i in Globs from e in Globs where i != e select (new[] { i }, new[] { e }));
        foreach (var (include, exclude) in pairs)
        {
            var old = TreeScanner.ScanThenSelect(root, include, exclude, CancellationToken.None);
            var now = TreeScanner.Scan(root, include, exclude, CancellationToken.None);
            var oldFiles = string.Join(",", old.Files.Select(f => f.RelativePath));
            var nowFiles = string.Join(",", now.Files.Select(f => f.RelativePath));
            var oldProblems = string.Join(",", old.Problems.Select(p => p.Path));
            var nowProblems = string.Join(",", now.Problems.Select(p => p.Path));
            if (oldFiles != nowFiles || oldProblems != nowProblems)
            {
                differences.Add($"include [{string.Join(' ', include)}] exclude [{string.Join(' ', exclude)}]: old {oldFiles} | {oldProblems}; now {nowFiles} | {nowProblems}");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(10)) + $"\n({differences.Count} pairs differ)");
    }

    [Fact]
    public void Review_the_ledger_from_the_walks_order_equals_C_sort_with_links_to_folders_and_names_around_slash()
    {
        var root = Tree();
        Shell(root, "rm -f a/self");
        var entries = LedgerWriter.BuildCompact(root, [], [], null);
        using var ours = new MemoryStream();
        LedgerWriter.Write(ours, entries);
        var theirs = Shell(root, "find -L . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 -r sha256sum --");
        Assert.Equal(Encoding.UTF8.GetString(theirs), Encoding.UTF8.GetString(ours.ToArray()));
        Assert.Equal(theirs, ours.ToArray());
        Assert.True(entries.OrderedByWalk);
    }

    [Fact]
    public void Review_a_link_inside_the_root_to_a_name_that_is_not_UTF_8_is_followed_as_find_follows_it()
    {
        Shell(_tree.Path, """
            set -e
            mkdir -p r/$'\xff'dir && cd r
            printf 1 > $'\xff'dir/x
            ln -s $'\xff'dir lff
            ln -s $'\xff'dir/x lffx
            """);
        var root = _tree["r"];
        var entries = LedgerWriter.BuildCompact(root, [], [], null);
        using var ours = new MemoryStream();
        LedgerWriter.Write(ours, entries);
        var theirs = Shell(root, "find -L . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 -r sha256sum --");
        Assert.Equal(theirs, ours.ToArray());
    }

    [Fact]
    public void Review_verify_reads_the_file_a_link_names_not_the_one_its_target_spelled_with_U_FFFD_names()
    {
        // l -> \xff (a file "evil"); a second file is named by the bytes of U+FFFD (EF BF BD), "good". The ledger lists
        // l with the digest of "good": sha256sum -c reads \xff and fails; verify must not pass.
        Shell(_tree.Path, """
            set -e
            mkdir -p v && cd v
            printf evil > $'\xff'
            printf good > $'\xef\xbf\xbd'
            ln -s $'\xff' l
            mkdir $'\xff'dir $'\xef\xbf\xbd'dir
            printf evil > $'\xff'dir/x
            printf good > $'\xef\xbf\xbd'dir/x
            ln -s $'\xff'dir d
            good=$(printf good | sha256sum | cut -d' ' -f1)
            printf '%s  l\n%s  d/x\n' "$good" "$good" > SHA256SUMS
            ! sha256sum -c --quiet SHA256SUMS 2>/dev/null
            """);
        var verification = LedgerVerifier.Verify(_tree["v/SHA256SUMS"]);
        var problems = string.Join("\n", verification.Problems.Select(p => $"{p.Path}: {p.Message}"));
        Assert.Contains(verification.Problems, p => p.Path == "l");
        Assert.Contains(verification.Problems, p => p.Path == "d/x");
    }

    private static byte[] Shell(string directory, string script)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false })!;
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"bash exited {process.ExitCode}: {script}");
        return stdout.ToArray();
    }
}
