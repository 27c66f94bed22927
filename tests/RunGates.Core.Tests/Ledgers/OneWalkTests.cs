using System.Diagnostics;
using System.Text;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

/// <summary>
/// Issue #15's one walk: the globs applied inside the descriptor walk (a folder the matcher would never enter not
/// listed) select the same files and keep the same problems as the walk before it, which listed the whole tree and
/// matched every path at once (<see cref="TreeScanner.ScanThenSelect"/>); and the walk's numbering in ledger order
/// gives exactly the order of a plain sort by bytes.
/// </summary>
public sealed class OneWalkTests : IDisposable
{
    /// <summary>Include/exclude pairs whose selections the two walks must agree on, each over the same tree.</summary>
    public static TheoryData<string[], string[]> Globs => new()
    {
        { [], [] },
        { ["**/*"], [] },
        { ["**/*.txt"], [] },
        { ["*"], [] },
        { ["sub/*"], [] },
        { ["sub/**"], [] },
        { ["sub/deep/in.txt"], [] },
        { ["**/in*"], ["sub/deep/**"] },
        { ["nothing/**"], [] },
        { [], ["dist/**"] },
        { [], ["dist"] },
        { [], ["dist/"] },
        { [], ["**/dist/**"] },
        { [], ["**/dist"] },
        { [], ["*.bin"] },
        { [], ["**/*.bin", "links/**"] },
        { [], ["**/*"] },
        { ["**/*"], ["sub/**/*.txt"] },
        { ["links/*"], [] },
        { ["links/**/*"], ["links/in-folder/**"] },
        { [], ["odd/**"] },
        { ["odd/*"], [] },
        { [], ["a"] },
        { ["a/**", "a.txt"], ["a-b/**"] },
        { [], ["sums"] },
        { ["**/x*", "dist/keep/*"], ["dist/*"] },
    };

    private readonly TempFolder _tree = new();

    public void Dispose()
    {
        // .NET's recursive delete cannot name files whose names are not UTF-8.
        Shell(Path.GetTempPath(), $"rm -rf '{_tree.Path}'");
        _tree.Dispose();
    }

    [Theory]
    [MemberData(nameof(Globs))]
    public void The_walk_with_globs_inside_selects_the_files_and_keeps_the_problems_of_the_whole_tree_walk(string[] include, string[] exclude)
    {
        var root = VariedTree();

        var one = TreeScanner.Scan(root, include, exclude, CancellationToken.None);
        var old = TreeScanner.ScanThenSelect(root, include, exclude, CancellationToken.None);

        Assert.Equal(old.Files.Select(f => f.RelativePath), one.Files.Select(f => f.RelativePath));
        Assert.Equal(old.Files.Select(f => f.FullPath), one.Files.Select(f => f.FullPath));
        Assert.Equal(old.Problems.Select(Described), one.Problems.Select(Described));
    }

    [Theory]
    [MemberData(nameof(Globs))]
    public void A_folder_the_walk_does_not_list_holds_nothing_the_old_walk_selected(string[] include, string[] exclude)
    {
        var root = VariedTree();
        var everything = TreeScanner.ScanThenSelect(root, [], [], CancellationToken.None);
        var selected = TreeScanner.ScanThenSelect(root, include, exclude, CancellationToken.None);
        var globs = WalkGlobs.Of(include, exclude);
        var folders = everything.Files.Select(f => f.RelativePath)
            .SelectMany(p => Enumerable.Range(1, p.Count(c => c == '/')).Select(n => string.Join('/', p.Split('/').Take(n))))
            .Distinct(StringComparer.Ordinal);

        foreach (var folder in folders.Where(f => !globs.MayEnter(f)))
        {
            Assert.DoesNotContain(selected.Files, f => f.RelativePath.StartsWith(folder + "/", StringComparison.Ordinal));
            Assert.DoesNotContain(selected.Problems, p => p.Path.StartsWith(folder + "/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_excluded_folder_is_not_entered_and_an_included_one_is()
    {
        Assert.False(WalkGlobs.Of([], ["dist/**"]).MayEnter("dist/sub"));
        Assert.False(WalkGlobs.Of([], ["dist"]).MayEnter("dist"));
        Assert.False(WalkGlobs.Of(["sub/*"], []).MayEnter("other"));
        Assert.False(WalkGlobs.Of(["sub/*"], []).MayEnter("sub/deep"));
        Assert.True(WalkGlobs.Of(["sub/*"], []).MayEnter("sub"));
        Assert.True(WalkGlobs.Of(["**/*.txt"], ["dist/**"]).MayEnter("a/b/c"));
        Assert.True(WalkGlobs.Of([], ["dist/*"]).MayEnter("dist"));
    }

    [Fact]
    public void A_swapped_in_fifo_and_a_link_out_are_refused_by_the_walk_with_globs_as_by_the_whole_tree_walk()
    {
        var root = VariedTree();

        var built = Assert.Throws<LedgerBuildException>(() => LedgerWriter.Build(root, ["**/*"], ["dist/**"]));

        Assert.Contains(built.Problems, p => p.Path == "links/out-file" && p.Diagnostic.Code == "RG4004");
        Assert.Contains(built.Problems, p => p.Path == "links/loop" && p.Diagnostic.Code == "RG4004");
        Assert.Contains(built.Problems, p => p.Path == "links/dangling" && p.Diagnostic.Code == "RG4002");
        Assert.DoesNotContain(built.Problems, p => p.Path.StartsWith("dist/", StringComparison.Ordinal));
        var fifo = Assert.Throws<LedgerBuildException>(() => LedgerWriter.Build(root, ["sub/**", "fifo-link"], []));
        Assert.Equal(["fifo-link", "sub/fifo"], fifo.Problems.Select(p => p.Path));
        Assert.All(fifo.Problems, p => Assert.Equal("RG4030", p.Diagnostic.Code));
    }

    [Fact]
    public void A_file_reached_through_a_link_is_opened_by_name_from_folders_opened_before_any_swap()
    {
        // root/l -> t/u/y: its batch holds the target's folder open, so t swapped for a link to outside/ afterwards
        // changes nothing: the hasher opens y by name (O_NOFOLLOW) in the folder that was inside the root.
        _tree.Write("root/t/u/y", "y");
        _tree.Write("outside/u/y", "not under the root");
        File.CreateSymbolicLink(_tree["root/l"], "t/u/y");
        var root = _tree["root"];
        var realRoot = Path.GetFullPath(root);
        var problems = new List<IntegrityProblem>();
        var seen = 0;

        foreach (var batch in TreeScanner.Batches(root, ["**/*"], [], problems, CancellationToken.None)!)
        {
            if (batch.Files.Any(f => f.File.RelativePath == "l"))
            {
                Directory.Move(_tree["root/t"], _tree["root/t-moved"]);
                File.CreateSymbolicLink(_tree["root/t"], _tree["outside"]);
                var member = Assert.Single(batch.Files);
                Assert.True(member.NameOffset >= 0);
                Assert.Equal(realRoot + "/t-moved/u", new FileInfo($"/proc/self/fd/{batch.Folder.Descriptor}").LinkTarget);
                seen++;
            }

            batch.Folder.Release();
        }

        // The folder t itself, listed before the swap and opened after it, is refused, not followed.
        Assert.Equal(1, seen);
        Assert.Equal(["t"], problems.Select(p => p.Path));
        Assert.Contains("replaced by a symbolic link", problems[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], new string[0])]
    [InlineData(new[] { "**/*" }, new[] { "sub/fifo", "fifo-link", "links/**", "dist/**" })]
    [InlineData(new[] { "**/*.txt", "odd/*" }, new[] { "sub/fifo" })]
    [InlineData(new[] { "a/**", "a.txt", "a-b/*" }, new string[0])]
    public void A_ledger_written_with_globs_inside_the_walk_equals_sha256sum_over_the_files_the_old_walk_selected(string[] include, string[] exclude)
    {
        var root = VariedTree(withProblems: include.Length > 0);
        var old = TreeScanner.ScanThenSelect(root, include, exclude, CancellationToken.None);
        Assert.Empty(old.Problems);

        var entries = LedgerWriter.BuildCompact(root, include, exclude, null);

        var list = string.Concat(old.Files.Select(f => f.RelativePath + "\0"));
        File.WriteAllBytes(_tree["list"], FileNameEncoding.Encode(list));
        var theirs = Shell(root, $"LC_ALL=C sort -z '{_tree["list"]}' | xargs -0 -r sha256sum --");
        using var ours = new MemoryStream();
        LedgerWriter.Write(ours, entries);
        Assert.Equal(Encoding.UTF8.GetString(theirs), Encoding.UTF8.GetString(ours.ToArray()));
        Assert.Equal(theirs, ours.ToArray());
        Assert.True(entries.OrderedByWalk);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_walks_ledger_order_equals_a_plain_sort_by_bytes_over_random_names(int seed)
    {
        // Names from bytes that sort around '/' (0x2F): '-' 0x2D, '.' 0x2E, '0' 0x30, plus UTF-8, bytes that are not
        // UTF-8, and the ones sha256sum escapes; folders and files of the same stems side by side.
        var random = new Random(seed);
        byte[] alphabet = [(byte)'a', (byte)'b', (byte)'-', (byte)'.', (byte)'0', (byte)' ', (byte)'\\', (byte)'\n', 0xC3, 0xA9, 0xFF, 0x80, 0x7F, (byte)'~'];
        var script = new StringBuilder("set -e; mkdir -p r; cd r\n");
        var folders = new List<string> { "." };
        for (var i = 0; i < 300; i++)
        {
            var name = new StringBuilder();
            var length = random.Next(1, 4);
            for (var j = 0; j < length; j++)
            {
                name.Append($"\\{Convert.ToString(alphabet[random.Next(alphabet.Length)], 8).PadLeft(3, '0')}");
            }

            var parent = folders[random.Next(folders.Count)];
            var path = $"{parent}/$(printf '{name}x')";
            if (random.Next(3) == 0)
            {
                script.Append($"mkdir -p \"{path}\" 2>/dev/null || true\n");
                folders.Add(path);
            }
            else
            {
                script.Append($"[ -e \"{path}\" ] || printf {i} > \"{path}\" 2>/dev/null || true\n");
            }
        }

        Shell(_tree.Path, script.ToString());

        var entries = LedgerWriter.BuildCompact(_tree["r"], [], [], null);
        var theirs = Shell(_tree["r"], "find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 -r sha256sum --");
        using var ours = new MemoryStream();
        LedgerWriter.Write(ours, entries);

        Assert.True(entries.Count > 150, $"only {entries.Count} files");
        Assert.True(entries.OrderedByWalk);
        Assert.Equal(theirs, ours.ToArray());
    }

    /// <summary>
    /// A tree with what the globs and the walk's refusals meet: nested and excluded folders, links inside and out, a
    /// loop, a dangling link, a FIFO, names that are not UTF-8 or hold a backslash, names around '/' in byte order.
    /// Without problems, the links that fail and the FIFO are left out.
    /// </summary>
    private string VariedTree(bool withProblems = true)
    {
        Shell(_tree.Path, $$"""
            set -e
            mkdir -p root/sub/deep root/dist/keep root/dist/drop root/links/in-folder root/odd root/a/b root/a-b root/x/dist
            cd root
            printf 1 > sub/one.txt; printf 2 > sub/two.bin; printf 3 > sub/deep/in.txt; printf 4 > sub/deep/x.bin
            printf 5 > dist/keep/x.txt; printf 6 > dist/drop/y.bin; printf 7 > dist/top.txt
            printf 8 > x/dist/z.txt; printf 9 > x/xx.txt
            printf a > a/b/c.txt; printf b > a.txt; printf c > a-b/d.txt; printf d > a0; printf e > 'a b.txt'
            printf f > "odd/$(printf 'bad\377.bin')"; printf g > 'odd/back\slash.txt'; printf h > "odd/$(printf 'caf\303\251.txt')"
            mkdir "odd/$(printf 'd\376')"; printf i > "odd/$(printf 'd\376')/in.txt"
            printf j > links/in-folder/target.txt
            ln -s ../sub/one.txt links/to-file
            ln -s ../sub links/to-folder
            printf k > sums
            ln -s a0 to-a0
            ln -s links/in-folder/target.txt deep-link
            ln -s sub/deep deep-folder-link
            {{(withProblems ? """
                ln -s /etc/hostname links/out-file
                ln -s /etc links/out-folder
                ln -s .. links/loop
                ln -s nowhere links/dangling
                mkfifo sub/fifo
                ln -s sub/fifo fifo-link
                ln -s /etc dist/drop/out
                mkfifo dist/drop/fifo
                """ : "")}}
            """);
        return _tree["root"];
    }

    private static string Described(IntegrityProblem problem) => $"{problem.Diagnostic.Code} {problem.Path}: {problem.Message}";

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
