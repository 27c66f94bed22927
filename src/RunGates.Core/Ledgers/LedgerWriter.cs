using System.Text;

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
        // The walk feeds the hashing workers as it goes; whatever it refuses fails the build once it has ended.
        var refused = new List<IntegrityProblem>();
        var hashed = new List<Hashed>();
        Sha256FileHasher.HashTree(
            root,
            include,
            exclude,
            refused,
            (f, digest) =>
            {
                lock (hashed)
                {
                    hashed.Add(new Hashed(f, digest));
                }
            },
            progress,
            cancellationToken);
        if (refused.Count > 0)
        {
            refused.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.Path, b.Path));
            throw new LedgerBuildException(refused);
        }

        hashed.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.File.RelativePath, b.File.RelativePath));
        var entries = new LedgerEntry[hashed.Count];
        var failures = new List<IntegrityProblem>();
        for (var i = 0; i < hashed.Count; i++)
        {
            var (file, digest) = hashed[i];
            if (!digest.Succeeded)
            {
                failures.Add(digest.NotRegular
                    ? new IntegrityProblem(Diagnostics.DiagnosticCatalog.NotARegularFile, file.RelativePath, $"{digest.Error}; refused, not read (exclude it or replace it with a file)")
                    : new IntegrityProblem(Diagnostics.DiagnosticCatalog.FileMissing, file.RelativePath, $"cannot be read: {digest.Error}"));
                continue;
            }

            entries[i] = new LedgerEntry(file.RelativePath, digest.Sha256!, digest.Size);
        }

        return failures.Count > 0 ? throw new LedgerBuildException(failures) : entries;
    }

    /// <summary>
    /// One hashed file. A class, not a tuple: sorting a list of a reference type runs the sort code precompiled in
    /// the runtime, where a list of tuples needs its own instantiation JIT-compiled first (about 15 ms of 20,000 files).
    /// </summary>
    private sealed record Hashed(TreeScanner.ScannedFile File, FileDigest Digest);

    /// <summary>The ledger text: <c>&lt;hex&gt;  &lt;path&gt;</c> lines, LF endings, names escaped the coreutils way.</summary>
    public static string Format(IEnumerable<LedgerEntry> entries)
    {
        using var text = new StringWriter();
        Write(text, entries);
        return text.ToString();
    }

    /// <summary>
    /// Writes the ledger text to <paramref name="writer"/> in pieces of about 64 K characters. Fresh memory is dear
    /// (a first touch of a page costs about 12 µs on the benchmark machine), so one small buffer is reused rather
    /// than the whole text built first: 20,000 lines took ~40 ms as one string.
    /// </summary>
    public static void Write(TextWriter writer, IEnumerable<LedgerEntry> entries)
    {
        const int Piece = 1 << 16;
        var text = new StringBuilder(Piece + 1024);
        foreach (var entry in entries)
        {
            if (entry.Path.AsSpan().IndexOfAny('\\', '\n', '\r') < 0)
            {
                text.Append(entry.Sha256).Append("  ").Append(entry.Path).Append('\n');
            }
            else
            {
                text.Append(FormatLine(entry.Sha256, entry.Path));
            }

            if (text.Length >= Piece)
            {
                writer.Write(text);
                text.Clear();
            }
        }

        writer.Write(text);
    }

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
