using System.IO.Enumeration;
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

        /// <summary>The file's number in the walk's <see cref="WalkOrder"/>, or -1 when the walk kept none.</summary>
        public int Sequence { get; init; } = -1;

        public string FullPath => _fullPath ??= Path.Join(_folder, RelativePath.AsSpan(_nameStart));
    }

    internal sealed record ScanResult(IReadOnlyList<ScannedFile> Files, IReadOnlyList<IntegrityProblem> Problems);

    /// <summary>What the walk met: a file to hash (<see cref="File"/>) or a problem, each under its relative path.</summary>
    private sealed record Candidate(string RelativePath, ScannedFile? File, IntegrityProblem? Problem, bool IsFolder);

    /// <summary>Files handed to the hashers in batches of at most this many, so one huge folder still feeds every worker.</summary>
    private const int BatchSize = 256;

    /// <summary>
    /// The selected files and the problems of the walk, each sorted in ledger order. On Linux the globs are applied
    /// inside the descriptor walk (<see cref="WalkGlobs"/>: a folder nothing could be selected below is not listed);
    /// elsewhere, or for a glob that climbs with <c>..</c>, the whole tree is walked and then selected from.
    /// </summary>
    public static ScanResult Scan(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, CancellationToken cancellationToken)
    {
        if (!UsesDescriptors || WalkGlobs.Climbs(include, exclude))
        {
            return ScanThenSelect(root, include, exclude, cancellationToken);
        }

        var fullRoot = Path.GetFullPath(root);
        var files = new List<ScannedFile>();
        var problems = new List<IntegrityProblem>();
        foreach (var (batch, problem) in WalkDescriptors(RootedPath.Real(fullRoot), fullRoot, WalkGlobs.For(include, exclude), null, cancellationToken))
        {
            if (problem is not null)
            {
                problems.Add(problem.Problem!);
                continue;
            }

            // Listed only: the batch's folder is let go at once, its files are opened again by path later.
            batch!.Folder.Release();
            files.AddRange(batch.Files.Select(m => m.File));
        }

        files.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.RelativePath, b.RelativePath));
        problems.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.Path, b.Path));
        return new ScanResult(files, problems);
    }

    /// <summary>
    /// The walk before issue #15, kept where the descriptor walk does not run and as the reference the tests hold the
    /// one walk to: every entry of the tree listed, then the globs matched against all of them at once.
    /// </summary>
    internal static ScanResult ScanThenSelect(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, CancellationToken cancellationToken)
    {
        var fullRoot = Path.GetFullPath(root);
        var realRoot = RootedPath.Real(fullRoot);
        var candidates = Walk(realRoot, fullRoot, cancellationToken).ToList();

        var files = new List<ScannedFile>();
        var problems = new List<IntegrityProblem>();
        // A refused folder link stands for whatever lies below it: probe with a child name.
        var selected = WalkGlobs.SelectsAll(include, exclude) ? null : WalkGlobs.Of(include, exclude).Select(candidates.Select(c => c.IsFolder ? c.RelativePath + "/x" : c.RelativePath));
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
        if (!WalkGlobs.SelectsAll(include, exclude))
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

    /// <summary>The paths that an include glob matches and no exclude glob does, in their given order.</summary>
    public static IEnumerable<string> Filter(IEnumerable<string> relativePaths, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        var paths = relativePaths.ToList();
        var selected = WalkGlobs.Of(include, exclude).Select(paths);
        return paths.Where(selected.Contains);
    }

    /// <summary>A folder to list: <paramref name="Node"/> is its place in the walk's <see cref="WalkOrder"/>, when one is kept.</summary>
    private sealed record Folder(string FullPath, string Prefix, string RealPath, HashSet<string> Ancestors, int Node = WalkOrder.Root)
    {
        /// <summary>The folder as problems name it: its relative path, or <c>.</c> for the root.</summary>
        public string Shown => Prefix.Length == 0 ? "." : Prefix.TrimEnd('/');

        /// <summary>
        /// The open folder this one is opened from by name, never by its path (descriptor walk; null for the root and
        /// for the portable walk): its parent, holding a reference until this folder is open, or, for a folder reached
        /// through a link, the root, with <see cref="Steps"/> below it.
        /// </summary>
        public OpenFolder? Anchor { get; init; }

        /// <summary>The parent's listing and where this folder's NUL-terminated name starts in it (one step from <see cref="Anchor"/>).</summary>
        public byte[]? Names { get; init; }

        public int NameOffset { get; init; }

        /// <summary>For a folder reached through a link: its real path below the root, one NUL-terminated name a step.</summary>
        public byte[][]? Steps { get; init; }
    }

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink);

    /// <summary>
    /// One entry of a listed folder with its kind settled (links resolved): a folder to walk (<paramref name="Sub"/>),
    /// a link to a file inside the root (<paramref name="LinkedFile"/>), or a plain entry the hasher opens by name.
    /// </summary>
    private readonly record struct Listed(FolderListing.Entry Entry, Folder? Sub, ScannedFile? LinkedFile, bool ListedRegular, string? LinkTarget = null);

    /// <summary>
    /// The selected files in batches per folder, each folder held open for its files to be opened relative to it, when
    /// the globs select every file and the walk can run on folder descriptors (Linux); otherwise null, and the caller
    /// walks with <see cref="Stream"/>. Problems are added to <paramref name="problems"/> as the walk meets them.
    /// </summary>
    public static IEnumerable<FileBatch>? Batches(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, List<IntegrityProblem> problems, CancellationToken cancellationToken) =>
        Batches(root, include, exclude, problems, null, cancellationToken);

    /// <summary>
    /// As <see cref="Batches(string, IReadOnlyList{string}, IReadOnlyList{string}, List{IntegrityProblem}, CancellationToken)"/>,
    /// with the globs applied inside the walk, numbering every file into <paramref name="order"/> when given (each
    /// file's <see cref="ScannedFile.Sequence"/>), so ledger order needs no sort at the end. Null where the
    /// descriptor walk does not run, or for a glob that climbs with <c>..</c> (see <see cref="WalkGlobs.Climbs"/>).
    /// </summary>
    public static IEnumerable<FileBatch>? Batches(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, List<IntegrityProblem> problems, WalkOrder? order, CancellationToken cancellationToken)
    {
        if (!UsesDescriptors || WalkGlobs.Climbs(include, exclude))
        {
            return null;
        }

        var fullRoot = Path.GetFullPath(root);
        return BatchesOf(WalkDescriptors(RootedPath.Real(fullRoot), fullRoot, WalkGlobs.For(include, exclude), order, cancellationToken), problems);
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

        foreach (var (batch, problem) in WalkDescriptors(realRoot, fullRoot, null, null, cancellationToken))
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
    /// and, one by one, problems. With <paramref name="globs"/>, only what they select: a folder they could select
    /// nothing below is not opened, a batch is filtered before it is handed out, a problem is kept when its path (a
    /// folder's as any path below it) is selected, a refused root always. Each folder's entries are taken in ledger
    /// order (<see cref="FolderListing.CompareForLedger"/>) and noted in <paramref name="order"/> when given.
    /// </summary>
    private static IEnumerable<(FileBatch? Batch, Candidate? Problem)> WalkDescriptors(string realRoot, string fullRoot, WalkGlobs? globs, WalkOrder? order, CancellationToken cancellationToken)
    {
        var listing = new FolderListing();
        var listed = new List<Listed>();
        var pending = new Stack<Folder>();
        pending.Push(new Folder(fullRoot, "", realRoot, [realRoot]));
        // Held for the whole walk: a folder or file reached through a link is opened from it, name by name.
        OpenFolder? root = null;
        try
        {
            while (pending.TryPop(out var folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                int descriptor;
                var errno = 0;
                try
                {
                    if (globs is not null && folder.Prefix.Length > 0 && !globs.MayEnter(folder.Prefix[..^1]))
                    {
                        continue;
                    }

                    descriptor = OpenDescriptor(folder, out errno);
                }
                finally
                {
                    folder.Anchor?.Release();
                }

                if (descriptor < 0)
                {
                    if (Kept(globs, Unlistable(folder, errno)) is { } unlistable)
                    {
                        yield return (null, unlistable);
                    }

                    continue;
                }

                var open = new OpenFolder(descriptor, folder.FullPath);
                if (root is null)
                {
                    root = open;
                    root.AddReference();
                }

                FileBatch? batch = null;
                try
                {
                    // One fstatfs per folder: /proc, /sys and their kind are refused before they are listed (/proc/self alone
                    // would never end), whether they are the root or mounted below it.
                    if (Paths.RegularFile.DescribePseudoFileSystem(descriptor) is { } pseudo)
                    {
                        if (Kept(globs, new Candidate(folder.Shown, null,
                            new IntegrityProblem(DiagnosticCatalog.PseudoFileSystemRoot, folder.Shown, $"the folder {folder.FullPath} {pseudo}; refused, not listed"), true)) is { } refusedFolder)
                        {
                            yield return (null, refusedFolder);
                        }

                        continue;
                    }

                    if (listing.Read(descriptor) is not 0 and var failed)
                    {
                        if (Kept(globs, Unlistable(folder, failed)) is { } unlistable)
                        {
                            yield return (null, unlistable);
                        }

                        continue;
                    }

                    // First every entry's kind, links resolved, so that each sorts as a file or as a folder; then the
                    // entries in ledger order.
                    var names = listing.Names;
                    listed.Clear();
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
                                listed.Add(new Listed(entry, new Folder(fullPath, relative + "/", real, [.. folder.Ancestors, real]) { Names = names, NameOffset = entry.NameOffset }, null, false));
                            }
                            else
                            {
                                var (candidate, sub, target) = Link(realRoot, folder, relative, fullPath);
                                if (sub is not null)
                                {
                                    listed.Add(new Listed(entry, sub with { Steps = StepsBelow(realRoot, sub.RealPath) }, null, false));
                                }
                                else if (candidate!.Problem is not null)
                                {
                                    if (Kept(globs, candidate) is { } kept)
                                    {
                                        yield return (null, kept);
                                    }
                                }
                                else
                                {
                                    listed.Add(new Listed(entry, null, candidate.File, false, target));
                                }
                            }
                        }
                        else
                        {
                            // A file, or a FIFO, device or socket: the hasher opens it without blocking and refuses what is
                            // not a regular file (RG4030).
                            listed.Add(new Listed(entry, null, null, type == FolderListing.File));
                        }
                    }

                    listed.Sort((a, b) => listing.CompareForLedger(a.Entry, a.Sub is not null, b.Entry, b.Sub is not null));
                    foreach (var item in listed)
                    {
                        if (item.Sub is { } sub)
                        {
                            // Opened later from this folder (or, through a link, from the root) by name: a folder swapped for
                            // a link meanwhile fails O_NOFOLLOW instead of leading the walk out of the root.
                            var anchor = sub.Steps is null ? open : root!;
                            anchor.AddReference();
                            pending.Push(sub with { Anchor = anchor, Node = order?.AddFolder(folder.Node) ?? WalkOrder.Root });
                            continue;
                        }

                        var sequence = order?.AddFile(folder.Node) ?? -1;
                        if (item.LinkedFile is { } linked)
                        {
                            // A link to a file inside the root: hashed under the link's path, opened from the root name by
                            // name along the path it resolved to, alone in its batch.
                            var (linkBatch, problem) = LinkedFileBatch(root!, realRoot, linked, item.LinkTarget!, sequence);
                            if (problem is not null && Kept(globs, problem) is { } kept)
                            {
                                yield return (null, kept);
                            }
                            else if (linkBatch is not null && Selected(globs, ref linkBatch) is { } one)
                            {
                                yield return (one, null);
                            }

                            continue;
                        }

                        batch ??= NewBatch(open, names);
                        batch.Files.Add(new FileBatch.Member(
                            new ScannedFile(FileNameEncoding.Decode(folder.Prefix, listing.Name(item.Entry)), folder.FullPath, folder.Prefix.Length) { Sequence = sequence },
                            item.Entry.NameOffset,
                            item.ListedRegular));
                        if (batch.Files.Count >= BatchSize && Selected(globs, ref batch) is { } full)
                        {
                            yield return (full, null);
                        }
                    }

                    if (batch is not null && Selected(globs, ref batch) is { } last)
                    {
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
        }
        finally
        {
            // Folders never opened (the consumer stopped) let go of their anchors, then the walk of the root.
            while (pending.TryPop(out var left))
            {
                left.Anchor?.Release();
            }

            root?.Release();
        }

        static FileBatch NewBatch(OpenFolder open, byte[] names)
        {
            open.AddReference();
            return new FileBatch(open, names);
        }
    }

    /// <summary>
    /// Opens <paramref name="folder"/> (O_DIRECTORY, O_NOFOLLOW): the root by its real path, any other folder by name
    /// from its anchor's descriptor, one component at a time, so that no component swapped for a link since it was
    /// listed or resolved is followed. Returns the descriptor, or -1 with the errno.
    /// </summary>
    private static int OpenDescriptor(Folder folder, out int errno)
    {
        var flags = LinuxFile.ReadOnlyCloseOnExec | LinuxFile.DirectoryOnly | LinuxFile.NoFollow;
        errno = 0;
        int descriptor;
        if (folder.Anchor is null)
        {
            descriptor = LinuxFile.Open(folder.RealPath, flags);
        }
        else if (folder.Steps is null)
        {
            descriptor = LinuxFile.OpenAt(folder.Anchor.Descriptor, folder.Names!, folder.NameOffset, flags);
        }
        else
        {
            return OpenSteps(folder.Anchor.Descriptor, folder.Steps, folder.Steps.Length, out errno);
        }

        if (descriptor < 0)
        {
            errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        }

        return descriptor;
    }

    /// <summary>The folder <paramref name="count"/> steps below <paramref name="from"/>, each opened by name (O_DIRECTORY, O_NOFOLLOW) from the one before.</summary>
    private static int OpenSteps(int from, byte[][] steps, int count, out int errno)
    {
        var flags = LinuxFile.ReadOnlyCloseOnExec | LinuxFile.DirectoryOnly | LinuxFile.NoFollow;
        if (count == 0)
        {
            // The root itself through a link is a loop, refused before; never a second descriptor of the anchor.
            errno = LinuxFile.TooManyLinks;
            return -1;
        }

        errno = 0;
        var current = from;
        for (var i = 0; i < count; i++)
        {
            var next = LinuxFile.OpenAt(current, steps[i], 0, flags);
            if (next < 0)
            {
                errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            }

            if (current != from)
            {
                _ = LinuxFile.Close(current);
            }

            if (next < 0)
            {
                return -1;
            }

            current = next;
        }

        return current;
    }

    /// <summary><paramref name="real"/>, a path inside <paramref name="realRoot"/>, as NUL-terminated names below it.</summary>
    private static byte[][] StepsBelow(string realRoot, string real)
    {
        var below = real.Length > realRoot.Length ? real[(realRoot.EndsWith('/') ? realRoot.Length : realRoot.Length + 1)..] : "";
        return below.Length == 0 ? [] : [.. below.Split('/').Select(FileNameEncoding.EncodeForLibc)];
    }

    /// <summary>
    /// The batch of one file reached through a link (<paramref name="linked"/>: the link's relative path, its resolved
    /// target inside the root): the target's folder opened from <paramref name="root"/> name by name, the target
    /// opened from it by name, its type checked before it is read; or the problem when the path it resolved to no
    /// longer leads there through folders alone.
    /// </summary>
    private static (FileBatch? Batch, Candidate? Problem) LinkedFileBatch(OpenFolder root, string realRoot, ScannedFile linked, string target, int sequence)
    {
        var steps = StepsBelow(realRoot, target);
        OpenFolder folder;
        if (steps.Length == 1)
        {
            root.AddReference();
            folder = root;
        }
        else
        {
            var descriptor = OpenSteps(root.Descriptor, steps, steps.Length - 1, out _);
            if (descriptor < 0)
            {
                return (null, new Candidate(linked.RelativePath, null,
                    new IntegrityProblem(DiagnosticCatalog.FileMissing, linked.RelativePath, $"symbolic link's target {target} was replaced after it was resolved; not followed"), false));
            }

            folder = new OpenFolder(descriptor, Path.GetDirectoryName(target)!);
        }

        var batch = new FileBatch(folder, steps[^1]);
        batch.Files.Add(new FileBatch.Member(new ScannedFile(linked.RelativePath, linked.FullPath) { Sequence = sequence }, 0, false));
        return (batch, null);
    }

    /// <summary>
    /// The files of <paramref name="batch"/> the globs select, to hand out (null when none is, its reference on the
    /// folder then let go); <paramref name="batch"/> itself is taken, left null for the walk to start the next.
    /// </summary>
    private static FileBatch? Selected(WalkGlobs? globs, ref FileBatch? batch)
    {
        var full = batch!;
        batch = null;
        if (globs is null)
        {
            return full;
        }

        var selected = globs.Select(full.Files.Select(m => m.File.RelativePath));
        _ = full.Files.RemoveAll(m => !selected.Contains(m.File.RelativePath));
        if (full.Files.Count == 0)
        {
            full.Folder.Release();
            return null;
        }

        return full;
    }

    /// <summary>A problem the globs keep: a file's when its path is selected, a folder's when a path below it would be, a refused root's always.</summary>
    private static Candidate? Kept(WalkGlobs? globs, Candidate problem) =>
        globs is null || problem.RelativePath == "." || globs.Selects(problem.IsFolder ? problem.RelativePath + "/x" : problem.RelativePath) ? problem : null;

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

                var (candidate, sub, _) = Link(realRoot, folder, relative, fullPath);
                if (sub is not null)
                {
                    pending.Push(sub);
                }
                else
                {
                    yield return candidate!;
                }
            }
        }
    }

    /// <summary>
    /// A symbolic link met by the walk: a file inside the root (hashed under the link's own path) or a problem, or,
    /// when it is a folder inside the root, that folder to walk under the link's path; with the real path it resolved
    /// to when it stays inside the root.
    /// </summary>
    private static (Candidate? Candidate, Folder? Sub, string? Target) Link(string realRoot, Folder folder, string relative, string fullPath)
    {
        string target;
        try
        {
            target = RootedPath.Real(fullPath);
        }
        catch (IOException e)
        {
            return (new Candidate(relative, null, new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link cannot be resolved: {e.Message}"), false), null, null);
        }

        // A target that is not UTF-8 is asked of libc by its bytes: .NET would look up its U+FFFD spelling (review of #15).
        var targetType = OperatingSystem.IsLinux() && FileNameEncoding.HasEscapes(target) ? LinuxFile.TypeOf(target, followLink: true) : 0;
        var isFolder = targetType == 0 ? Directory.Exists(target) : targetType == 0x4000;
        if (!isFolder && (targetType == 0 ? !File.Exists(target) : targetType == -1))
        {
            return (new Candidate(relative, null,
                new IntegrityProblem(DiagnosticCatalog.FileMissing, relative, $"symbolic link is dangling: its target {new FileInfo(fullPath).LinkTarget} does not exist"), false), null, null);
        }

        if (!RootedPath.IsInside(realRoot, target))
        {
            return (new Candidate(relative, null,
                new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link leads to {target}, outside the root {realRoot}; refused, not read"), isFolder), null, null);
        }

        if (isFolder && folder.Ancestors.Contains(target))
        {
            return (new Candidate(relative, null,
                new IntegrityProblem(DiagnosticCatalog.PathEscapesRoot, relative, $"symbolic link loops back to its ancestor {target}; refused"), true), null, null);
        }

        if (isFolder)
        {
            return (null, new Folder(fullPath, relative + "/", target, [.. folder.Ancestors, target]), target);
        }

        return (new Candidate(relative, new ScannedFile(relative, fullPath), null, false), null, target);
    }
}
