using System.Text;
using System.Text.Unicode;

namespace RunGates.Core.Ledgers;

/// <summary>
/// UTF-8 that writes each surrogate escape (U+DC80..U+DCFF, see <see cref="FileNameEncoding"/>) as the byte it stands
/// for, so a writer with this encoding prints a name that is not UTF-8 with its own bytes, as coreutils does; any other
/// lone surrogate becomes U+FFFD, as with <see cref="UTF8Encoding"/>. No byte order mark. Decoding is
/// <see cref="FileNameEncoding.Decode(ReadOnlySpan{byte})"/>. Its encoder keeps a high surrogate that ends one write
/// for the next, so a pair split between two buffers of a <see cref="StreamWriter"/> is written whole.
/// </summary>
public sealed class EscapedUtf8Encoding : Encoding
{
    public static EscapedUtf8Encoding Instance { get; } = new();

    private EscapedUtf8Encoding()
    {
    }

    public override int GetByteCount(char[] chars, int index, int count)
    {
        var pending = '\0';
        return Transcode(chars.AsSpan(index, count), [], write: false, ref pending, flush: true);
    }

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex)
    {
        var pending = '\0';
        return Transcode(chars.AsSpan(charIndex, charCount), bytes.AsSpan(byteIndex), write: true, ref pending, flush: true);
    }

    public override int GetCharCount(byte[] bytes, int index, int count) => FileNameEncoding.Decode(bytes.AsSpan(index, count)).Length;

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        var text = FileNameEncoding.Decode(bytes.AsSpan(byteIndex, byteCount));
        text.CopyTo(chars.AsSpan(charIndex));
        return text.Length;
    }

    public override int GetMaxByteCount(int charCount) => (charCount + 1) * 3;

    public override int GetMaxCharCount(int byteCount) => byteCount + 1;

    public override Encoder GetEncoder() => new Escaper();

    /// <summary>The bytes <paramref name="text"/> stands for, in one array (<see cref="FileNameEncoding.Encode"/>).</summary>
    internal static byte[] ToBytes(ReadOnlySpan<char> text)
    {
        var pending = '\0';
        var bytes = new byte[Transcode(text, [], write: false, ref pending, flush: true)];
        _ = Transcode(text, bytes, write: true, ref pending, flush: true);
        return bytes;
    }

    /// <summary>
    /// The bytes of <paramref name="chars"/> (written into <paramref name="bytes"/> when <paramref name="write"/>, else
    /// only counted). A high surrogate at the end waits in <paramref name="pending"/> unless <paramref name="flush"/>.
    /// </summary>
    private static int Transcode(ReadOnlySpan<char> chars, Span<byte> bytes, bool write, ref char pending, bool flush)
    {
        var written = 0;
        Span<byte> rune = stackalloc byte[4];
        var i = 0;
        if (pending != '\0')
        {
            if (chars.Length > 0 && char.IsLowSurrogate(chars[0]))
            {
                Emit(rune[..new Rune(pending, chars[0]).EncodeToUtf8(rune)], bytes, write, ref written);
                i = 1;
            }
            else if (chars.Length > 0 || flush)
            {
                Emit("\uFFFD"u8, bytes, write, ref written);
            }
            else
            {
                return 0;
            }

            pending = '\0';
        }

        while (i < chars.Length)
        {
            var rest = chars[i..];
            var surrogate = rest.IndexOfAnyInRange('\uD800', '\uDFFF');
            var plain = surrogate < 0 ? rest : rest[..surrogate];
            if (!plain.IsEmpty)
            {
                if (write)
                {
                    _ = Utf8.FromUtf16(plain, bytes[written..], out _, out var count);
                    written += count;
                }
                else
                {
                    written += UTF8.GetByteCount(plain);
                }

                i += plain.Length;
                if (surrogate < 0)
                {
                    break;
                }
            }

            var c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                Emit(rune[..new Rune(c, chars[i + 1]).EncodeToUtf8(rune)], bytes, write, ref written);
                i += 2;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 == chars.Length && !flush)
            {
                pending = c;
            }
            else if (c is >= '\uDC80' and <= '\uDCFF')
            {
                rune[0] = (byte)(c - 0xDC00);
                Emit(rune[..1], bytes, write, ref written);
            }
            else
            {
                Emit("\uFFFD"u8, bytes, write, ref written);
            }

            i++;
        }

        return written;
    }

    private static void Emit(ReadOnlySpan<byte> piece, Span<byte> bytes, bool write, ref int written)
    {
        if (write)
        {
            piece.CopyTo(bytes[written..]);
        }

        written += piece.Length;
    }

    /// <summary>The stateful encoder a <see cref="StreamWriter"/> uses: it carries a trailing high surrogate to the next write.</summary>
    private sealed class Escaper : Encoder
    {
        private char _pending;

        public override int GetByteCount(char[] chars, int index, int count, bool flush) => GetByteCount(chars.AsSpan(index, count), flush);

        public override int GetByteCount(ReadOnlySpan<char> chars, bool flush)
        {
            var pending = _pending;
            return Transcode(chars, [], write: false, ref pending, flush);
        }

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex, bool flush) =>
            GetBytes(chars.AsSpan(charIndex, charCount), bytes.AsSpan(byteIndex), flush);

        public override int GetBytes(ReadOnlySpan<char> chars, Span<byte> bytes, bool flush) => Transcode(chars, bytes, write: true, ref _pending, flush);

        public override void Reset() => _pending = '\0';
    }
}
