using Microsoft.Extensions.FileSystemGlobbing;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Walks a tree and picks the files that the include globs match and no exclude glob does.
/// Symbolic link policy: a link whose final target lies inside the root is followed (a file is hashed under the
/// link's own path, a folder is walked); a link that leaves the root is refused (RG4004), a dangling one is missing
/// (RG4002), and a folder link back to one of its own ancestors is refused as a loop (RG4004). Problems are reported
/// only for paths the globs select, so an excluded link never fails a ledger.
/// </summary>
internal static class TreeScanner
{
    private const string VirtualRoot = "/rungates-virtual-root";

    private static readonly EnumerationOptions Options = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    internal sealed record ScannedFile(string RelativePath, string FullPath);

    internal sealed record ScanResult(IReadOnlyList<ScannedFile> Files, IReadOnlyList<IntegrityProblem> Problems);

    private sealed record Candidate(string RelativePath, string FullPath, IntegrityProblem? Problem, bool IsFolder);

    public static ScanResult Scan(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, CancellationToken cancellationToken)
    {
        var fullRoot = Path.GetFullPath(root);
        var realRoot = RootedPath.Real(fullRoot);
        var candidates = new List<Candidate>();
        Walk(realRoot, fullRoot, "", realRoot, [realRoot], candidates, cancellationToken);

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(include.Count == 0 ? ["**/*"] : include);
        matcher.AddExcludePatterns(exclude);

        var files = new List<ScannedFile>();
        var problems = new List<IntegrityProblem>();
        // A refused folder link stands for whatever lies below it: probe with a child name.
        var selected = Select(matcher, candidates.Select(c => c.IsFolder ? c.RelativePath + "/x" : c.RelativePath));
        foreach (var candidate in candidates)
        {
            if (!selected.Contains(candidate.IsFolder ? candidate.RelativePath + "/x" : candidate.RelativePath))
            {
                continue;
            }

            if (candidate.Problem is { } problem)
            {
                problems.Add(problem);
            }
            else
            {
                files.Add(new ScannedFile(candidate.RelativePath, candidate.FullPath));
            }
        }

        files.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.RelativePath, b.RelativePath));
        problems.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.Path, b.Path));
        return new ScanResult(files, problems);
    }

    /// <summary>The paths that an include glob matches and no exclude glob does, in their given order.</summary>
    public static IEnumerable<string> Filter(IEnumerable<string> relativePaths, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(include.Count == 0 ? ["**/*"] : include);
        matcher.AddExcludePatterns(exclude);
        var paths = relativePaths.ToList();
        var selected = Select(matcher, paths);
        return paths.Where(selected.Contains);
    }

    /// <summary>The subset of <paramref name="relativePaths"/> the matcher selects, matched in one pass over an in-memory tree.</summary>
    private static HashSet<string> Select(Matcher matcher, IEnumerable<string> relativePaths)
    {
        // The in-memory tree splits on '\' too; a name holding one is matched with it swapped for a character no glob
        // in a runbook spells, and swapped back.
        var result = matcher.Match(VirtualRoot, relativePaths.Select(p => p.Replace('\\', '\uE000')));
        return result.Files.Select(f => f.Path.Replace('\uE000', '\\')).ToHashSet(StringComparer.Ordinal);
    }

    private static void Walk(string realRoot, string directory, string prefix, string realDirectory, HashSet<string> ancestors, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", Options))
        {
            var relative = prefix + entry.Name;
            if (entry.LinkTarget is null)
            {
                if (entry is DirectoryInfo)
                {
                    var real = Path.Combine(realDirectory, entry.Name);
                    Walk(realRoot, entry.FullName, relative + "/", real, [.. ancestors, real], candidates, cancellationToken);
                }
                else
                {
                    candidates.Add(new Candidate(relative, entry.FullName, null, false));
                }

                continue;
            }

            string target;
            try
            {
                target = RootedPath.Real(entry.FullName);
            }
            catch (IOException e)
            {
                candidates.Add(new Candidate(relative, entry.FullName, new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link cannot be resolved: {e.Message}"), false));
                continue;
            }

            var isFolder = Directory.Exists(target);
            if (!isFolder && !File.Exists(target))
            {
                candidates.Add(new Candidate(relative, entry.FullName,
                    new IntegrityProblem(DiagnosticCatalog.FileMissing, relative, $"symbolic link is dangling: its target {entry.LinkTarget} does not exist"), false));
            }
            else if (!RootedPath.IsInside(realRoot, target))
            {
                candidates.Add(new Candidate(relative, entry.FullName,
                    new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link leads to {target}, outside the root {realRoot}; refused, not read"), isFolder));
            }
            else if (isFolder && ancestors.Contains(target))
            {
                candidates.Add(new Candidate(relative, entry.FullName,
                    new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link loops back to its ancestor {target}; refused"), true));
            }
            else if (isFolder)
            {
                Walk(realRoot, entry.FullName, relative + "/", target, [.. ancestors, target], candidates, cancellationToken);
            }
            else
            {
                candidates.Add(new Candidate(relative, entry.FullName, null, false));
            }
        }
    }
}
