namespace RunGates.Core.Ledgers;

/// <summary>Hashes a tree into SHA256SUMS entries and formats them exactly as GNU <c>sha256sum</c> writes them.</summary>
public static class LedgerWriter
{
    /// <summary>Every file under <paramref name="root"/> that an include glob matches and no exclude glob does, in ordinal UTF-8 order.</summary>
    public static IReadOnlyList<LedgerEntry> Build(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The ledger text: <c>&lt;hex&gt;  &lt;path&gt;</c> lines, LF endings, names escaped the coreutils way.</summary>
    public static string Format(IEnumerable<LedgerEntry> entries) => throw new NotImplementedException();
}
