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

    /// <summary>
    /// A file the walk selected: its path relative to the root (a name that is not UTF-8 carries surrogate escapes, see
    /// <see cref="FileNameEncoding"/>) and its full path, which is built only when asked for (the hashers open files
    /// relative to their folder and never need it).
    /// </summary>
    internal sealed class ScannedFile
    {
        private readonly string? _folder;
        private readonly int _nameStart;
        private string? _fullPath;

        public ScannedFile(string relativePath, string fullPath)
        {
            RelativePath = relativePath;
            _fullPath = fullPath;
        }

        /// <summary>A file whose name starts at <paramref name="nameStart"/> in <paramref name="relativePath"/>, in <paramref name="folder"/>.</summary>
        public ScannedFile(string relativePath, string folder, int nameStart)
        {
            RelativePath = relativePath;
            _folder = folder;
            _nameStart = nameStart;
        }

        public string RelativePath { get; }

        public string FullPath => _fullPath ??= Path.Join(_folder, RelativePath.AsSpan(_nameStart));
    }

    internal sealed record ScanResult(IReadOnlyList<ScannedFile> Files, IReadOnlyList<IntegrityProblem> Problems);

    /// <summary>What the walk met: a file to hash (<see cref="File"/>) or a problem, each under its relative path.</summary>
    private sealed record Candidate(string RelativePath, ScannedFile? File, IntegrityProblem? Problem, bool IsFolder);

    /// <summary>Files handed to the hashers in batches of at most this many, so one huge folder still feeds every worker.</summary>
    private const int BatchSize = 256;

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
                files.Add(candidate.File!);
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
                yield return candidate.File!;
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

    private sealed record Folder(string FullPath, string Prefix, string RealPath, HashSet<string> Ancestors)
    {
        /// <summary>The folder as problems name it: its relative path, or <c>.</c> for the root.</summary>
        public string Shown => Prefix.Length == 0 ? "." : Prefix.TrimEnd('/');
    }

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink);

    /// <summary>
    /// The selected files in batches per folder, each folder held open for its files to be opened relative to it, when
    /// the globs select every file and the walk can run on folder descriptors (Linux); otherwise null, and the caller
    /// walks with <see cref="Stream"/>. Problems are added to <paramref name="problems"/> as the walk meets them.
    /// </summary>
    public static IEnumerable<FileBatch>? Batches(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, List<IntegrityProblem> problems, CancellationToken cancellationToken)
    {
        if (!UsesDescriptors || !SelectsAll(include, exclude))
        {
            return null;
        }

        var fullRoot = Path.GetFullPath(root);
        return BatchesOf(WalkDescriptors(RootedPath.Real(fullRoot), fullRoot, cancellationToken), problems);
    }

    private static IEnumerable<FileBatch> BatchesOf(IEnumerable<(FileBatch? Batch, Candidate? Problem)> walk, List<IntegrityProblem> problems)
    {
        foreach (var (batch, problem) in walk)
        {
            if (problem is not null)
            {
                problems.Add(problem.Problem!);
            }
            else
            {
                yield return batch!;
            }
        }
    }

    /// <summary>Whether the walk lists folders by descriptor (Linux, with the open flags known for this architecture).</summary>
    private static bool UsesDescriptors => OperatingSystem.IsLinux() && LinuxFile.FlagsKnown;

    /// <summary>Every entry below the root, lazily, one folder at a time.</summary>
    private static IEnumerable<Candidate> Walk(string realRoot, string fullRoot, CancellationToken cancellationToken)
    {
        if (!UsesDescriptors)
        {
            foreach (var candidate in WalkPortable(realRoot, fullRoot, cancellationToken))
            {
                yield return candidate;
            }

            yield break;
        }

        foreach (var (batch, problem) in WalkDescriptors(realRoot, fullRoot, cancellationToken))
        {
            if (problem is not null)
            {
                yield return problem;
                continue;
            }

            // Listed only: the batch's folder is let go at once, its files are opened again by path later.
            batch!.Folder.Release();
            foreach (var member in batch.Files)
            {
                yield return new Candidate(member.File.RelativePath, member.File, null, false);
            }
        }
    }

    /// <summary>
    /// The walk on Linux: each folder opened (O_DIRECTORY, O_NOFOLLOW) and listed with getdents64 into a reused buffer;
    /// names stay raw bytes until decoded with <see cref="FileNameEncoding.Decode(string, ReadOnlySpan{byte})"/>, so a
    /// name that is not UTF-8 keeps its bytes. Kinds come from the listing (d_type): a plain file or folder costs no
    /// stat call, and only links are resolved. Yields batches of files (each holding a reference on its open folder)
    /// and, one by one, problems.
    /// </summary>
    private static IEnumerable<(FileBatch? Batch, Candidate? Problem)> WalkDescriptors(string realRoot, string fullRoot, CancellationToken cancellationToken)
    {
        var listing = new FolderListing();
        var pending = new Stack<Folder>();
        pending.Push(new Folder(fullRoot, "", realRoot, [realRoot]));
        while (pending.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var descriptor = LinuxFile.Open(folder.RealPath, LinuxFile.ReadOnlyCloseOnExec | LinuxFile.DirectoryOnly | LinuxFile.NoFollow);
            if (descriptor < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                yield return (null, Unlistable(folder, errno));
                continue;
            }

            var open = new OpenFolder(descriptor, folder.FullPath);
            FileBatch? batch = null;
            try
            {
                // One fstatfs per folder: /proc, /sys and their kind are refused before they are listed (/proc/self alone
                // would never end), whether they are the root or mounted below it.
                if (Paths.RegularFile.DescribePseudoFileSystem(descriptor) is { } pseudo)
                {
                    yield return (null, new Candidate(folder.Shown, null,
                        new IntegrityProblem(DiagnosticCatalog.PseudoFileSystemRoot, folder.Shown, $"the folder {folder.FullPath} {pseudo}; refused, not listed"), true));
                    continue;
                }

                if (listing.Read(descriptor) is not 0 and var failed)
                {
                    yield return (null, Unlistable(folder, failed));
                    continue;
                }

                var names = listing.Names;
                foreach (var entry in listing.Entries)
                {
                    var type = listing.TypeOf(descriptor, entry);
                    if (type is FolderListing.Folder or FolderListing.Link)
                    {
                        var name = FileNameEncoding.Decode(listing.Name(entry));
                        var relative = folder.Prefix + name;
                        var fullPath = Path.Join(folder.FullPath, name);
                        if (type == FolderListing.Folder)
                        {
                            var real = Path.Join(folder.RealPath, name);
                            pending.Push(new Folder(fullPath, relative + "/", real, [.. folder.Ancestors, real]));
                        }
                        else if (Link(realRoot, folder, relative, fullPath, pending) is { } candidate)
                        {
                            if (candidate.Problem is not null)
                            {
                                yield return (null, candidate);
                            }
                            else
                            {
                                batch ??= NewBatch(open, names);
                                batch.Files.Add(new FileBatch.Member(candidate.File!, -1, false));
                            }
                        }
                    }
                    else
                    {
                        // A file, or a FIFO, device or socket: the hasher opens it without blocking and refuses what is
                        // not a regular file (RG4030).
                        var relative = FileNameEncoding.Decode(folder.Prefix, listing.Name(entry));
                        batch ??= NewBatch(open, names);
                        batch.Files.Add(new FileBatch.Member(new ScannedFile(relative, folder.FullPath, folder.Prefix.Length), entry.NameOffset, type == FolderListing.File));
                    }

                    if (batch is { Files.Count: >= BatchSize })
                    {
                        var full = batch;
                        batch = null;
                        yield return (full, null);
                    }
                }

                if (batch is not null)
                {
                    var last = batch;
                    batch = null;
                    yield return (last, null);
                }
            }
            finally
            {
                // A batch never handed out (the consumer stopped) lets go of its reference, then the walk of its own.
                batch?.Folder.Release();
                open.Release();
            }
        }

        static FileBatch NewBatch(OpenFolder open, byte[] names)
        {
            open.AddReference();
            return new FileBatch(open, names);
        }
    }

    /// <summary>A folder the kernel would not open or list (gone, swapped for a link or a file, denied): named, not skipped.</summary>
    private static Candidate Unlistable(Folder folder, int errno)
    {
        var reason = errno is LinuxFile.TooManyLinks or 20
            ? "was replaced by a symbolic link or a file after it was listed; not followed"
            : $"cannot be listed: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)}";
        return new Candidate(folder.Shown, null, new IntegrityProblem(DiagnosticCatalog.FileMissing, folder.Shown, $"the folder {folder.FullPath} {reason}"), true);
    }

    /// <summary>
    /// Every entry below the root, lazily, listing one folder at a time with .NET's enumeration (where the descriptor walk
    /// does not run). A plain file or folder costs no stat or readlink call; only links are resolved.
    /// </summary>
    private static IEnumerable<Candidate> WalkPortable(string realRoot, string fullRoot, CancellationToken cancellationToken)
    {
        var pending = new Stack<Folder>();
        pending.Push(new Folder(fullRoot, "", realRoot, [realRoot]));
        while (pending.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Paths.RegularFile.DescribePseudoFileSystem(folder.FullPath) is { } pseudo)
            {
                yield return new Candidate(folder.Shown, null,
                    new IntegrityProblem(DiagnosticCatalog.PseudoFileSystemRoot, folder.Shown, $"the folder {folder.FullPath} {pseudo}; refused, not listed"), true);
                continue;
            }

            // Kinds come from the listing: asking an entry for its attributes would stat it. Links cannot be asked for
            // alone, so a second listing names them: whatever the first, link-free one did not return.
            var plain = new FileSystemEnumerable<Entry>(
                folder.FullPath,
                (ref FileSystemEntry e) => new Entry(e.FileName.ToString(), e.IsDirectory, false),
                PlainEntries).ToList();
            var plainNames = plain.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            var links = new FileSystemEnumerable<string>(folder.FullPath, (ref FileSystemEntry e) => e.FileName.ToString(), Options)
                .Where(name => !plainNames.Contains(name))
                .Select(name => new Entry(name, false, true));
            foreach (var entry in plain.Concat(links.ToList()))
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
                        yield return new Candidate(relative, new ScannedFile(relative, fullPath), null, false);
                    }

                    continue;
                }

                if (Link(realRoot, folder, relative, fullPath, pending) is { } candidate)
                {
                    yield return candidate;
                }
            }
        }
    }

    /// <summary>
    /// A symbolic link met by the walk: a file inside the root (hashed under the link's own path), a problem, or null
    /// when it is a folder inside the root, which is pushed onto <paramref name="pending"/> to be walked.
    /// </summary>
    private static Candidate? Link(string realRoot, Folder folder, string relative, string fullPath, Stack<Folder> pending)
    {
        string target;
        try
        {
            target = RootedPath.Real(fullPath);
        }
        catch (IOException e)
        {
            return new Candidate(relative, null, new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link cannot be resolved: {e.Message}"), false);
        }

        var isFolder = Directory.Exists(target);
        if (!isFolder && !File.Exists(target))
        {
            return new Candidate(relative, null,
                new IntegrityProblem(DiagnosticCatalog.FileMissing, relative, $"symbolic link is dangling: its target {new FileInfo(fullPath).LinkTarget} does not exist"), false);
        }

        if (!RootedPath.IsInside(realRoot, target))
        {
            return new Candidate(relative, null,
                new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link leads to {target}, outside the root {realRoot}; refused, not read"), isFolder);
        }

        if (isFolder && folder.Ancestors.Contains(target))
        {
            return new Candidate(relative, null,
                new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link loops back to its ancestor {target}; refused"), true);
        }

        if (isFolder)
        {
            pending.Push(new Folder(fullPath, relative + "/", target, [.. folder.Ancestors, target]));
            return null;
        }

        return new Candidate(relative, new ScannedFile(relative, fullPath), null, false);
    }
}
