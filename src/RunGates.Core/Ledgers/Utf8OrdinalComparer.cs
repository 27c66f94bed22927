using System.Text;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Orders strings by the bytes of their UTF-8 form, as <c>LC_ALL=C sort</c> does. It differs from
/// <see cref="StringComparer.Ordinal"/> (UTF-16 code units) for characters above U+FFFF against U+E000..U+FFFF.
/// </summary>
public sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static Utf8OrdinalComparer Instance { get; } = new();

    private Utf8OrdinalComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        // UTF-16 code units order as UTF-8 bytes do unless a surrogate meets U+E000..U+FFFF, so only the first
        // differing pair decides whether the ordinal answer stands.
        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length - y.Length;
        }

        if (!char.IsSurrogate(x[common]) && !char.IsSurrogate(y[common]))
        {
            return x[common] - y[common];
        }

        // A name that is not UTF-8 carries its bytes as surrogate escapes (FileNameEncoding): its order is its bytes'.
        if (FileNameEncoding.HasEscapes(x) || FileNameEncoding.HasEscapes(y))
        {
            return FileNameEncoding.Encode(x).AsSpan().SequenceCompareTo(FileNameEncoding.Encode(y));
        }

        // Comparing by scalar value gives the same order as comparing UTF-8 bytes, without encoding.
        var a = x.EnumerateRunes();
        var b = y.EnumerateRunes();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA == hasB ? 0 : hasA ? 1 : -1;
            }

            var difference = a.Current.Value - b.Current.Value;
            if (difference != 0)
            {
                return difference;
            }
        }
    }
}
