using Microsoft.Extensions.FileSystemGlobbing;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Checks;

/// <summary>The <c>include:</c> of a <c>ledger:</c> check: which of a ledger's entries it verifies.</summary>
internal static class LedgerEntryGlobs
{
    /// <summary>
    /// The records whose path (as the ledger spells it, a leading <c>./</c> aside) one of <paramref name="include"/>
    /// matches, in ledger order. Globs match paths, ordinal and case-sensitive, as the <c>ledger:</c> section's do.
    /// </summary>
    public static IReadOnlyList<LedgerRecord> Matching(IReadOnlyList<LedgerRecord> records, IReadOnlyList<string> include)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(include);
        return records.Where(r => matcher.Match(Normalised(r.Path)).HasMatches).ToList();
    }

    private static string Normalised(string path)
    {
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path;
    }
}
