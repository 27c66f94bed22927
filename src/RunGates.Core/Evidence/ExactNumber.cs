namespace RunGates.Core.Evidence;

/// <summary>
/// Numbers compared exactly, as the decimal text they are written in (JSON, or YAML after its core-schema typing):
/// <c>9007199254740993</c> is not <c>9007199254740992</c>, <c>1.0</c> is <c>1</c>, <c>1e2</c> is <c>100</c>. Nothing is
/// allocated: the digits are compared where they are written. Text that is no finite decimal (<c>Infinity</c>,
/// <c>NaN</c>) gets null, and the caller falls back to <see cref="double"/>.
/// </summary>
internal static class ExactNumber
{
    /// <summary>The sign of <paramref name="a"/> − <paramref name="b"/>, or null when either is no finite decimal.</summary>
    public static int? Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (!DecimalText.TryRead(a, out var x) || !DecimalText.TryRead(b, out var y))
        {
            return null;
        }

        return Compare(a, x, b, y);
    }

    /// <summary><see cref="Compare(ReadOnlySpan{char}, ReadOnlySpan{char})"/> for a number written in UTF-8 (a JSON value's raw text).</summary>
    public static int? Compare(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> b)
    {
        // Number text is ASCII; a longer one than fits on the stack is rare enough to allocate for.
        Span<char> chars = utf8.Length <= 128 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        for (var i = 0; i < utf8.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        return Compare(chars, b);
    }

    /// <summary>Both in UTF-8.</summary>
    public static int? Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Span<char> chars = b.Length <= 128 ? stackalloc char[b.Length] : new char[b.Length];
        for (var i = 0; i < b.Length; i++)
        {
            chars[i] = (char)b[i];
        }

        return Compare(a, chars);
    }

    /// <summary>Whether the decimal has no fractional part (<c>1.0</c>, <c>1e2</c> yes; <c>1.5</c>, <c>1e-1</c> no); null when not a finite decimal.</summary>
    public static bool? IsInteger(ReadOnlySpan<char> text) =>
        DecimalText.TryRead(text, out var d) ? d.IsZero || d.Exponent >= d.DigitCount : null;

    private static int Compare(ReadOnlySpan<char> a, in DecimalText x, ReadOnlySpan<char> b, in DecimalText y)
    {
        var signX = x.IsZero ? 0 : x.Negative ? -1 : 1;
        var signY = y.IsZero ? 0 : y.Negative ? -1 : 1;
        if (signX != signY || signX == 0)
        {
            return signX.CompareTo(signY);
        }

        // Same sign: compare magnitudes, then flip for negatives.
        var magnitude = x.Exponent != y.Exponent ? x.Exponent.CompareTo(y.Exponent) : CompareDigits(a, x, b, y);
        return signX * magnitude;
    }

    private static int CompareDigits(ReadOnlySpan<char> a, in DecimalText x, ReadOnlySpan<char> b, in DecimalText y)
    {
        int i = x.First, j = y.First;
        while (true)
        {
            if (i <= x.Last && a[i] == '.')
            {
                i++;
            }

            if (j <= y.Last && b[j] == '.')
            {
                j++;
            }

            var endX = i > x.Last;
            var endY = j > y.Last;
            if (endX || endY)
            {
                return endX == endY ? 0 : endX ? -1 : 1;
            }

            if (a[i] != b[j])
            {
                return a[i] < b[j] ? -1 : 1;
            }

            i++;
            j++;
        }
    }

    /// <summary>
    /// A decimal read in place: the value is ±0.d…d × 10^<see cref="Exponent"/>, where d…d are the characters from
    /// <see cref="First"/> to <see cref="Last"/> (significant digits, a '.' possibly among them).
    /// </summary>
    private readonly record struct DecimalText(bool Negative, bool IsZero, int First, int Last, long Exponent, int DigitCount)
    {
        private const long ExponentLimit = 1L << 40;

        public static bool TryRead(ReadOnlySpan<char> text, out DecimalText value)
        {
            value = default;
            var i = 0;
            var negative = false;
            if (i < text.Length && text[i] is '-' or '+')
            {
                negative = text[i] == '-';
                i++;
            }

            var start = i;
            var dot = -1;
            var digits = 0;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && dot < 0)))
            {
                if (text[i] == '.')
                {
                    dot = i;
                }
                else
                {
                    digits++;
                }

                i++;
            }

            var end = i;
            if (digits == 0)
            {
                return false;
            }

            long exponent = 0;
            if (i < text.Length && text[i] is 'e' or 'E')
            {
                i++;
                var negativeExponent = false;
                if (i < text.Length && text[i] is '-' or '+')
                {
                    negativeExponent = text[i] == '-';
                    i++;
                }

                if (i == text.Length)
                {
                    return false;
                }

                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    // Beyond the limit every exponent orders the same way; saturate instead of overflowing.
                    exponent = Math.Min(exponent * 10 + (text[i] - '0'), ExponentLimit);
                    i++;
                }

                exponent = negativeExponent ? -exponent : exponent;
            }

            if (i != text.Length)
            {
                return false;
            }

            if (dot < 0)
            {
                dot = end;
            }

            int first = -1, last = -1, significant = 0;
            for (var k = start; k < end; k++)
            {
                if (text[k] is >= '1' and <= '9')
                {
                    if (first < 0)
                    {
                        first = k;
                    }

                    last = k;
                }
            }

            if (first < 0)
            {
                value = new DecimalText(negative, true, 0, -1, 0, 0);
                return true;
            }

            for (var k = first; k <= last; k++)
            {
                significant += text[k] == '.' ? 0 : 1;
            }

            var adjusted = first < dot ? exponent + (dot - first) : exponent - (first - dot - 1);
            value = new DecimalText(negative, false, first, last, adjusted, significant);
            return true;
        }
    }
}
