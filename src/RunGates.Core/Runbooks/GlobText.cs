using RunGates.Core.Ledgers;

namespace RunGates.Core.Runbooks;

/// <summary>
/// What makes a glob unusable: empty, absolute, climbing out with <c>..</c>, or an unbalanced <c>[</c> or <c>{</c>. The
/// runbook's globs and <c>ledger write --include/--exclude</c> are held to the same rule.
/// </summary>
public static class GlobText
{
    /// <summary>Null when the glob is usable; otherwise what is wrong with it.</summary>
    public static string? Problem(string glob)
    {
        if (glob.Trim().Length == 0)
        {
            return "an empty glob";
        }

        // The path-safety rule is the same for a glob as for a path: RootedPath says what may not be written.
        if (RootedPath.Refusal(glob) is { } refusal)
        {
            return refusal;
        }

        var brackets = 0;
        var braces = 0;
        foreach (var c in glob)
        {
            switch (c)
            {
                case '[': brackets++; break;
                case ']': brackets--; break;
                case '{': braces++; break;
                case '}': braces--; break;
            }

            if (brackets < 0 || braces < 0)
            {
                return $"an unbalanced '{c}'";
            }
        }

        return brackets != 0 ? "an unclosed '['" : braces != 0 ? "an unclosed '{'" : null;
    }
}
