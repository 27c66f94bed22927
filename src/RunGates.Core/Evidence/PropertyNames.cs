using System.Text;

namespace RunGates.Core.Evidence;

/// <summary>
/// Reuses property-name strings across documents: evidence files of one kind repeat the same few names thousands of
/// times. A small per-thread table, so no locking and nothing shared between runs but immutable strings.
/// </summary>
internal static class PropertyNames
{
    private const int Size = 512;

    [ThreadStatic]
    private static string?[]? t_table;

    public static string Get(ReadOnlySpan<byte> utf8)
    {
        // Only ASCII names are shared: a byte compared with a char is only the same letter below 0x80.
        if (utf8.Length is 0 or > 64 || !Ascii.IsValid(utf8))
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var table = t_table ??= new string?[Size];
        var slot = (int)((uint)(utf8.Length * 31 + utf8[0] * 17 + utf8[^1] * 7 + utf8[utf8.Length / 2]) % Size);
        if (table[slot] is { } candidate && Matches(candidate, utf8))
        {
            return candidate;
        }

        var name = Encoding.UTF8.GetString(utf8);
        table[slot] = name;
        return name;
    }

    private static bool Matches(string candidate, ReadOnlySpan<byte> utf8)
    {
        if (candidate.Length != utf8.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] != candidate[i])
            {
                return false;
            }
        }

        return true;
    }
}
