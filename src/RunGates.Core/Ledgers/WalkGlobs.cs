using Microsoft.Extensions.FileSystemGlobbing;

namespace RunGates.Core.Ledgers;

/// <summary>
/// The include and exclude globs of one walk, applied inside it by the same <see cref="Matcher"/> (ordinal, over
/// relative paths, <c>**</c>) that once selected from the whole tree after the walk: whether a file is selected
/// depends only on its own path (its folders' names and its name), so a batch of one folder's files is selected on
/// its own; and a folder the matcher would never enter (an excluded folder, or one no include can reach) is not
/// listed at all, since nothing below it, file or problem, could be selected.
/// </summary>
internal sealed class WalkGlobs
{
    private const string VirtualRoot = "/rungates-virtual-root";

    private readonly Matcher _matcher;

    private WalkGlobs(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        _matcher = new Matcher(StringComparison.Ordinal);
        _matcher.AddIncludePatterns(include.Count == 0 ? ["**/*"] : include);
        _matcher.AddExcludePatterns(exclude);
    }

    /// <summary>The globs of a walk, or null when they select every file (no include or <c>**/*</c>, no exclude).</summary>
    public static WalkGlobs? For(IReadOnlyList<string> include, IReadOnlyList<string> exclude) =>
        SelectsAll(include, exclude) ? null : new WalkGlobs(include, exclude);

    /// <summary>The globs as given, even when they select every file (to select from paths that were not walked).</summary>
    public static WalkGlobs Of(IReadOnlyList<string> include, IReadOnlyList<string> exclude) => new(include, exclude);

    public static bool SelectsAll(IReadOnlyList<string> include, IReadOnlyList<string> exclude) =>
        exclude.Count == 0 && (include.Count == 0 || include.Any(i => i == "**/*" || i == "**"));

    /// <summary>
    /// Whether a glob climbs with <c>..</c>: the matcher then looks beside a folder, not only below it, so neither a
    /// file's path alone nor a folder's decides, and the walk selects from the whole tree instead. The runbook and the
    /// CLI refuse such globs (<see cref="Runbooks.GlobText"/>); this keeps any other caller on the old, whole-tree way.
    /// </summary>
    public static bool Climbs(IReadOnlyList<string> include, IReadOnlyList<string> exclude) =>
        include.Concat(exclude).Any(g => g.Split(['/', '\\']).Contains("..", StringComparer.Ordinal));

    /// <summary>The subset of <paramref name="relativePaths"/> the globs select, matched in one pass over an in-memory tree.</summary>
    public HashSet<string> Select(IEnumerable<string> relativePaths)
    {
        // The in-memory tree splits on '\' too; a name holding one is matched with it swapped for a character no glob
        // in a runbook spells, and swapped back.
        var result = _matcher.Match(VirtualRoot, relativePaths.Select(p => p.Replace('\\', '\uE000')));
        return result.Files.Select(f => f.Path.Replace('\uE000', '\\')).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether the globs select the one path <paramref name="relativePath"/>.</summary>
    public bool Selects(string relativePath) => Select([relativePath]).Count == 1;

    /// <summary>
    /// Whether the matcher would enter the folder <paramref name="relativeFolder"/> (<c>a/b</c>, no trailing slash):
    /// asked of the matcher itself, over a chain of folders that holds only this one, so the answer is the matcher's
    /// own, whatever its rules for <c>**</c>, literal segments and excluded folders.
    /// </summary>
    public bool MayEnter(string relativeFolder)
    {
        var root = new GlobProbeFolder(VirtualRoot[1..], null);
        var target = root;
        foreach (var name in relativeFolder.Split('/'))
        {
            target = target.AddChild(name.Replace('\\', '\uE000'));
        }

        _ = _matcher.Execute(root);
        return target.Entered;
    }
}
