namespace RunGates.Core.Ledgers;

/// <summary>Hashes a tree into SHA256SUMS entries and formats them exactly as GNU <c>sha256sum</c> writes them.</summary>
public static class LedgerWriter
{
    /// <summary>
    /// Every file under <paramref name="root"/> that an include glob matches and no exclude glob does, in ordinal UTF-8
    /// order. Links are followed while they stay inside the root; a link that leaves it, dangles or loops makes the
    /// whole build fail with a <see cref="LedgerBuildException"/> listing every such file, since a ledger that silently
    /// skipped one would vouch for less than it claims.
    /// </summary>
    public static IReadOnlyList<LedgerEntry> Build(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, CancellationToken cancellationToken = default) =>
        Build(root, include, exclude, null, cancellationToken);

    /// <summary>As <see cref="Build(string, IReadOnlyList{string}, IReadOnlyList{string}, CancellationToken)"/>, counting into <paramref name="progress"/>.</summary>
    public static IReadOnlyList<LedgerEntry> Build(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, HashProgress? progress, CancellationToken cancellationToken = default)
    {
        var scan = TreeScanner.Scan(root, include, exclude, cancellationToken);
        if (scan.Problems.Count > 0)
        {
            throw new LedgerBuildException(scan.Problems);
        }

        var digests = Sha256FileHasher.HashAll(scan.Files.Select(f => f.FullPath).ToArray(), progress, cancellationToken);
        var entries = new LedgerEntry[digests.Count];
        var failures = new List<IntegrityProblem>();
        for (var i = 0; i < digests.Count; i++)
        {
            var digest = digests[i];
            if (!digest.Succeeded)
            {
                failures.Add(new IntegrityProblem(Diagnostics.DiagnosticCatalog.FileMissing, scan.Files[i].RelativePath, $"cannot be read: {digest.Error}"));
                continue;
            }

            entries[i] = new LedgerEntry(scan.Files[i].RelativePath, digest.Sha256!, digest.Size);
        }

        return failures.Count > 0 ? throw new LedgerBuildException(failures) : entries;
    }

    /// <summary>The ledger text: <c>&lt;hex&gt;  &lt;path&gt;</c> lines, LF endings, names escaped the coreutils way.</summary>
    public static string Format(IEnumerable<LedgerEntry> entries) => string.Concat(entries.Select(e => FormatLine(e.Sha256, e.Path)));

    /// <summary>
    /// One line as <c>sha256sum</c> writes it, LF included. A name holding <c>\</c>, LF or CR has those escaped as
    /// <c>\\</c>, <c>\n</c>, <c>\r</c> and the line starts with a backslash.
    /// </summary>
    public static string FormatLine(string sha256, string path) =>
        path.AsSpan().IndexOfAny('\\', '\n', '\r') < 0
            ? $"{sha256}  {path}\n"
            : $"\\{sha256}  {Escape(path)}\n";

    internal static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
