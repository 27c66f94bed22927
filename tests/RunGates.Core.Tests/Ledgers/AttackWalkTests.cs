using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

/// <summary>
/// Hostile trees for the descriptor walk (TreeScanner.WalkDescriptors): folders swapped while the walk is under way.
/// The walk is lazy, so a test can change the tree between two batches exactly where a racing process could.
/// </summary>
public sealed class AttackWalkTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void An_ancestor_swapped_for_a_link_after_it_was_listed_never_leads_the_walk_out_of_the_root()
    {
        // root/a holds a file (one batch) and a folder b, walked after a's batch is handed out. Between the two, a is
        // renamed and a link to a folder outside takes its place, holding b/secret.
        _tree.Write("root/a/x", "x");
        _tree.Write("root/a/b/y", "y");
        _tree.Write("outside/b/secret", "not under the root");
        var root = _tree["root"];
        var realRoot = Path.GetFullPath(root);
        var problems = new List<IntegrityProblem>();
        var folders = new List<string>();
        var files = new List<string>();

        var batches = TreeScanner.Batches(root, ["**/*"], [], problems, CancellationToken.None);
        Assert.NotNull(batches);
        foreach (var batch in batches)
        {
            folders.Add(new FileInfo($"/proc/self/fd/{batch.Folder.Descriptor}").LinkTarget!);
            files.AddRange(batch.Files.Select(f => f.File.RelativePath));
            if (batch.Files.Any(f => f.File.RelativePath == "a/x"))
            {
                Directory.Move(_tree["root/a"], _tree["root/a-moved"]);
                File.CreateSymbolicLink(_tree["root/a"], _tree["outside"]);
            }

            batch.Folder.Release();
        }

        // Every folder the walk listed lies under the root; b is either listed where it now is (a-moved/b, through
        // the descriptor of a) or refused, never read through the link.
        Assert.All(folders, f => Assert.StartsWith(realRoot + "/", f + "/", StringComparison.Ordinal));
        Assert.DoesNotContain("a/b/secret", files);
    }

    [Fact]
    public void A_folder_link_whose_target_parent_is_swapped_after_the_link_was_resolved_never_leads_the_walk_out_of_the_root()
    {
        // root/l -> root/t/u (inside the root, so the walk follows it); root/t is swapped for a link to outside/ once the
        // link is resolved, before the target folder is opened.
        _tree.Write("root/aa", "first batch");
        _tree.Write("root/t/u/y", "y");
        _tree.Write("outside/u/secret", "not under the root");
        File.CreateSymbolicLink(_tree["root/l"], _tree["root/t/u"]);
        var root = _tree["root"];
        var realRoot = Path.GetFullPath(root);
        var problems = new List<IntegrityProblem>();
        var folders = new List<string>();
        var files = new List<string>();

        var batches = TreeScanner.Batches(root, ["**/*"], [], problems, CancellationToken.None);
        Assert.NotNull(batches);
        foreach (var batch in batches)
        {
            folders.Add(new FileInfo($"/proc/self/fd/{batch.Folder.Descriptor}").LinkTarget!);
            files.AddRange(batch.Files.Select(f => f.File.RelativePath));
            if (batch.Files.Any(f => f.File.RelativePath == "aa"))
            {
                // The root's listing is done (l resolved and pushed, t pushed): swap t now.
                Directory.Move(_tree["root/t"], _tree["root/t-moved"]);
                File.CreateSymbolicLink(_tree["root/t"], _tree["outside"]);
            }

            batch.Folder.Release();
        }

        Assert.All(folders, f => Assert.StartsWith(realRoot + "/", f + "/", StringComparison.Ordinal));
        Assert.DoesNotContain("l/secret", files);
    }
}
