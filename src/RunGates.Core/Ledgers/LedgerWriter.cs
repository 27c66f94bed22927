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
    public static IReadOnlyList<LedgerEntry> Build(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, HashProgress? progress, CancellationToken cancellationToken = default) =>
        BuildCompact(root, include, exclude, progress, cancellationToken);

    /// <summary>As <see cref="Build(string, IReadOnlyList{string}, IReadOnlyList{string}, HashProgress?, CancellationToken)"/>, as the compact store itself.</summary>
    public static CompactLedgerEntries BuildCompact(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, HashProgress? progress, CancellationToken cancellationToken = default) =>
        BuildCompact(root, include, exclude, progress, null, cancellationToken);

    /// <summary>
    /// As <see cref="BuildCompact(string, IReadOnlyList{string}, IReadOnlyList{string}, HashProgress?, CancellationToken)"/>,
    /// leaving out the one file at <paramref name="notListed"/> (relative to the root, compared ordinally: the ledger
    /// being written inside its own root). Not a glob: a name such as <c>sums*</c> leaves out only itself, and every
    /// other file keeps the fast walk that globs would not change.
    /// </summary>
    public static CompactLedgerEntries BuildCompact(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, HashProgress? progress, string? notListed, CancellationToken cancellationToken = default)
    {
        // The walk feeds the hashing workers as it goes; whatever it refuses fails the build once it has ended. Each
        // digest goes straight into the compact store: nothing per file outlives its hashing but ~60 bytes and its name.
        var refused = new List<IntegrityProblem>();
        var entries = new CompactLedgerEntries();
        var failures = new List<IntegrityProblem>();
        var order = new WalkOrder();
        Sha256FileHasher.HashTree(
            root,
            include,
            exclude,
            refused,
            (f, digest) =>
            {
                if (notListed is not null && string.Equals(f.RelativePath, notListed, StringComparison.Ordinal))
                {
                    return;
                }

                if (!digest.Succeeded)
                {
                    var failure = digest.NotRegular
                        ? new IntegrityProblem(Diagnostics.DiagnosticCatalog.NotARegularFile, f.RelativePath, $"{digest.Error}; refused, not read (exclude it or replace it with a file)")
                        : new IntegrityProblem(Diagnostics.DiagnosticCatalog.FileMissing, f.RelativePath, $"cannot be read: {digest.Error}");
                    lock (failures)
                    {
                        failures.Add(failure);
                    }

                    return;
                }

                lock (entries)
                {
                    entries.Add(f.RelativePath, digest.Sha256!, digest.Size, f.Sequence);
                }
            },
            progress,
            cancellationToken,
            order);
        if (notListed is not null)
        {
            _ = refused.RemoveAll(p => string.Equals(p.Path, notListed, StringComparison.Ordinal));
        }

        if (refused.Count > 0)
        {
            refused.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.Path, b.Path));
            throw new LedgerBuildException(refused);
        }

        if (failures.Count > 0)
        {
            failures.Sort((a, b) => Utf8OrdinalComparer.Instance.Compare(a.Path, b.Path));
            throw new LedgerBuildException(failures);
        }

        // The descriptor walk numbered the files in ledger order as it went: no sort of every path after the last digest.
        if (order.Count > 0)
        {
            entries.PutInOrder(order.Sequences());
        }
        else
        {
            entries.Sort();
        }

        return entries;
    }

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
    /// Writes the ledger's bytes to <paramref name="output"/>: each name as the bytes it stands for
    /// (<see cref="FileNameEncoding.Encode"/>), so a name that is not UTF-8 is written as it is on disk, which a
    /// <see cref="TextWriter"/> cannot do. Compact entries are written straight from their arena.
    /// </summary>
    public static void Write(Stream output, IEnumerable<LedgerEntry> entries)
    {
        if (entries is CompactLedgerEntries compact)
        {
            compact.WriteTo(output);
            return;
        }

        // Flushed, not disposed: the caller owns the stream.
        var buffered = new BufferedStream(output, 1 << 16);
        foreach (var entry in entries)
        {
            buffered.Write(FileNameEncoding.Encode(FormatLine(entry.Sha256, entry.Path)));
        }

        buffered.Flush();
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
