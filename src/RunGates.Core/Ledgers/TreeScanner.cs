using System.IO.Enumeration;
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

    private static readonly EnumerationOptions PlainEntries = new() { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false, RecurseSubdirectories = false };

    internal sealed record ScannedFile(string RelativePath, string FullPath);

    internal sealed record ScanResult(IReadOnlyList<ScannedFile> Files, IReadOnlyList<IntegrityProblem> Problems);

    private sealed record Candidate(string RelativePath, string FullPath, IntegrityProblem? Problem, bool IsFolder);

    public static ScanResult Scan(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, CancellationToken cancellationToken)
    {
        var fullRoot = Path.GetFullPath(root);
        var realRoot = RootedPath.Real(fullRoot);
        var candidates = Walk(realRoot, fullRoot, cancellationToken).ToList();

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(include.Count == 0 ? ["**/*"] : include);
        matcher.AddExcludePatterns(exclude);

        var files = new List<ScannedFile>();
        var problems = new List<IntegrityProblem>();
        // A refused folder link stands for whatever lies below it: probe with a child name.
        var selected = SelectsAll(include, exclude) ? null : Select(matcher, candidates.Select(c => c.IsFolder ? c.RelativePath + "/x" : c.RelativePath));
        foreach (var candidate in candidates)
        {
            // A refused root ("." ) stands for every file, whatever the globs.
            if (selected is not null && candidate.RelativePath != "." && !selected.Contains(candidate.IsFolder ? candidate.RelativePath + "/x" : candidate.RelativePath))
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

    /// <summary>
    /// The selected files in the order the walk finds them, not sorted, with every problem added to
    /// <paramref name="problems"/> by the time the sequence ends. When the globs select every file (no include or
    /// <c>**/*</c>, no exclude) the walk is lazy, so a consumer can hash files while the rest of the tree is still being
    /// read; otherwise the globs need the whole tree first and the walk runs on the first pull.
    /// </summary>
    public static IEnumerable<ScannedFile> Stream(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, List<IntegrityProblem> problems, CancellationToken cancellationToken)
    {
        if (!SelectsAll(include, exclude))
        {
            var scan = Scan(root, include, exclude, cancellationToken);
            problems.AddRange(scan.Problems);
            foreach (var file in scan.Files)
            {
                yield return file;
            }

            yield break;
        }

        var fullRoot = Path.GetFullPath(root);
        foreach (var candidate in Walk(RootedPath.Real(fullRoot), fullRoot, cancellationToken))
        {
            if (candidate.Problem is { } problem)
            {
                problems.Add(problem);
            }
            else
            {
                yield return new ScannedFile(candidate.RelativePath, candidate.FullPath);
            }
        }
    }

    private static bool SelectsAll(IReadOnlyList<string> include, IReadOnlyList<string> exclude) =>
        exclude.Count == 0 && (include.Count == 0 || include.Any(i => i == "**/*" || i == "**"));

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

    private sealed record Folder(string FullPath, string Prefix, string RealPath, HashSet<string> Ancestors);

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink);

    /// <summary>
    /// Every entry below the root, lazily, listing one folder at a time. A plain file or folder costs no stat or
    /// readlink call; only links are resolved.
    /// </summary>
    private static IEnumerable<Candidate> Walk(string realRoot, string fullRoot, CancellationToken cancellationToken)
    {
        var pending = new Stack<Folder>();
        pending.Push(new Folder(fullRoot, "", realRoot, [realRoot]));
        while (pending.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One statfs per folder: /proc, /sys and their kind are refused before they are listed (/proc/self alone
            // would never end), whether they are the root or mounted below it.
            if (Paths.RegularFile.DescribePseudoFileSystem(folder.FullPath) is { } pseudo)
            {
                var shown = folder.Prefix.Length == 0 ? "." : folder.Prefix.TrimEnd('/');
                yield return new Candidate(shown, folder.FullPath,
                    new IntegrityProblem(DiagnosticCatalog.PseudoFileSystemRoot, shown, $"the folder {folder.FullPath} {pseudo}; refused, not listed"), true);
                continue;
            }

            // Kinds come from the listing (d_type): asking an entry for its attributes would lstat it. Links cannot be
            // asked for alone, so a second listing names them: whatever the first, link-free one did not return.
            var plain = new FileSystemEnumerable<Entry>(
                folder.FullPath,
                (ref FileSystemEntry e) => new Entry(e.FileName.ToString(), e.IsDirectory, false),
                PlainEntries).ToList();
            var plainNames = plain.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            var links = new FileSystemEnumerable<string>(folder.FullPath, (ref FileSystemEntry e) => e.FileName.ToString(), Options)
                .Where(name => !plainNames.Contains(name))
                .Select(name => new Entry(name, false, true));
            var entries = plain.Concat(links.ToList());
            foreach (var entry in entries)
            {
                var relative = folder.Prefix + entry.Name;
                var fullPath = Path.Join(folder.FullPath, entry.Name);
                if (!entry.IsLink)
                {
                    if (entry.IsDirectory)
                    {
                        var real = Path.Join(folder.RealPath, entry.Name);
                        pending.Push(new Folder(fullPath, relative + "/", real, [.. folder.Ancestors, real]));
                    }
                    else
                    {
                        yield return new Candidate(relative, fullPath, null, false);
                    }

                    continue;
                }

                if (Link(realRoot, folder, relative, fullPath) is { } candidate)
                {
                    yield return candidate;
                }
            }
        }

        Candidate? Link(string realRoot, Folder folder, string relative, string fullPath)
        {
            string target;
            try
            {
                target = RootedPath.Real(fullPath);
            }
            catch (IOException e)
            {
                return new Candidate(relative, fullPath, new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link cannot be resolved: {e.Message}"), false);
            }

            var isFolder = Directory.Exists(target);
            if (!isFolder && !File.Exists(target))
            {
                return new Candidate(relative, fullPath,
                    new IntegrityProblem(DiagnosticCatalog.FileMissing, relative, $"symbolic link is dangling: its target {new FileInfo(fullPath).LinkTarget} does not exist"), false);
            }

            if (!RootedPath.IsInside(realRoot, target))
            {
                return new Candidate(relative, fullPath,
                    new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link leads to {target}, outside the root {realRoot}; refused, not read"), isFolder);
            }

            if (isFolder && folder.Ancestors.Contains(target))
            {
                return new Candidate(relative, fullPath,
                    new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link loops back to its ancestor {target}; refused"), true);
            }

            if (isFolder)
            {
                pending.Push(new Folder(fullPath, relative + "/", target, [.. folder.Ancestors, target]));
                return null;
            }

            return new Candidate(relative, fullPath, null, false);
        }
    }
}
