using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace RunGates.Core.Ledgers;

/// <summary>
/// File names and ledger lines as bytes, carried in strings. Linux names are bytes, not text: valid UTF-8 decodes as
/// usual, and each byte that is not part of valid UTF-8 becomes the lone surrogate U+DC80..U+DCFF ("surrogate escape",
/// as Python does). No valid UTF-8 decodes to a surrogate, so the mapping is one to one and <see cref="Encode"/>
/// gives back the exact bytes; the rest of RunGates keeps working on strings.
/// </summary>
public static class FileNameEncoding
{
    private const char EscapeBase = '\uDC00';

    /// <summary>The string form of <paramref name="bytes"/>: UTF-8 where valid, a surrogate escape per other byte.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                consumed = 1;
                text.Append((char)(EscapeBase + bytes[0]));
            }

            bytes = bytes[consumed..];
        }

        return text.ToString();
    }

    /// <summary>
    /// <paramref name="prefix"/> followed by the string form of <paramref name="bytes"/>, in one string: the walk's
    /// relative path of a name, without a string for the name alone.
    /// </summary>
    public static string Decode(string prefix, ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes))
        {
            return prefix + Decode(bytes);
        }

        var length = prefix.Length + Encoding.UTF8.GetCharCount(bytes);
        var chars = length <= 512 ? stackalloc char[length] : new char[length];
        prefix.AsSpan().CopyTo(chars);
        Encoding.UTF8.GetChars(bytes, chars[prefix.Length..]);
        return new string(chars);
    }

    /// <summary>Whether <paramref name="text"/> holds a surrogate escape, i.e. stands for bytes that are not UTF-8.</summary>
    public static bool HasEscapes(ReadOnlySpan<char> text) => Evidence.JsonStringText.HasLoneSurrogate(text);

    /// <summary>The bytes <paramref name="text"/> stands for (the inverse of <see cref="Decode"/>), without a terminator.</summary>
    public static byte[] Encode(ReadOnlySpan<char> text)
    {
        if (!HasEscapes(text))
        {
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        // Escapes become their bytes, any other lone surrogate U+FFFD: nothing on disk can be named by it.
        return EscapedUtf8Encoding.ToBytes(text);
    }

    /// <summary>As <see cref="Encode"/>, NUL-terminated for a libc call.</summary>
    internal static byte[] EncodeForLibc(string text)
    {
        var bytes = Encode(text);
        var terminated = new byte[bytes.Length + 1];
        bytes.CopyTo(terminated, 0);
        return terminated;
    }
}
