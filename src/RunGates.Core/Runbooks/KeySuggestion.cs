namespace RunGates.Core.Runbooks;

/// <summary>
/// The did-you-mean for a misspelt key or option: the closest allowed word by edit distance, if it is close enough. One
/// rule for the runbook's keys and the command line's options, so both suggest the same way.
/// </summary>
public static class KeySuggestion
{
    public static string? Closest(string found, IEnumerable<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var distance = Distance(found.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Close enough means a couple of typos, or half the word for longer keys (blocking -> blocker).
        return best is not null && bestDistance <= Math.Max(2, best.Length / 2) && bestDistance < Math.Max(best.Length, found.Length) ? best : null;
    }

    /// <summary>Damerau-Levenshtein distance (optimal string alignment), so a swapped pair counts as one typo.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
