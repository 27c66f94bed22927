using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RunGates.Core.Evidence;

/// <summary>
/// JSON strings and names as the UTF-16 they spell, lone surrogates included. A JSON text may escape half of a
/// surrogate pair (<c>"\ud800"</c>), which System.Text.Json refuses to decode (it throws); evidence is data, so such a
/// string decodes here to the same lone char a YAML or .NET string holds, and compares ordinally. Only a string with
/// escapes is decoded by hand; the rest is System.Text.Json's own answer.
/// </summary>
internal static class JsonStringText
{
    /// <summary>The string value of <paramref name="element"/> (a JSON string).</summary>
    public static string Value(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element)[1..^1];
        return raw.IndexOf((byte)'\\') < 0 ? Encoding.UTF8.GetString(raw) : Decode(raw);
    }

    /// <summary>The name of <paramref name="property"/>.</summary>
    public static string Name(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 ? Encoding.UTF8.GetString(raw) : Decode(raw);
    }

    /// <summary>Whether the JSON string <paramref name="element"/> is <paramref name="other"/>, compared in place when both are valid UTF-16.</summary>
    public static bool ValueEquals(JsonElement element, string other)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element)[1..^1];
        if (raw.IndexOf((byte)'\\') >= 0 || HasLoneSurrogate(other))
        {
            // Escaped (perhaps a lone surrogate), or a lone surrogate on the runbook's side that .NET cannot encode as UTF-8.
            return string.Equals(Decode(raw), other, StringComparison.Ordinal);
        }

        return element.ValueEquals(other);
    }

    /// <summary>
    /// As <see cref="ValueEquals(JsonElement, string)"/>, with <paramref name="otherUtf8"/> the UTF-8 of
    /// <paramref name="other"/> worked out beforehand (null when it holds a lone surrogate): an unescaped JSON string is
    /// valid UTF-8, so it equals <paramref name="other"/> exactly when the bytes are the same.
    /// </summary>
    public static bool ValueEquals(JsonElement element, string other, byte[]? otherUtf8)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element)[1..^1];
        return otherUtf8 is not null && raw.IndexOf((byte)'\\') < 0
            ? raw.SequenceEqual(otherUtf8)
            : string.Equals(Decode(raw), other, StringComparison.Ordinal);
    }

    /// <summary>Whether the name of <paramref name="property"/> is <paramref name="name"/>.</summary>
    public static bool NameEquals(JsonProperty property, string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') >= 0 || HasLoneSurrogate(name)
            ? string.Equals(Decode(raw), name, StringComparison.Ordinal)
            : property.NameEquals(name);
    }

    /// <summary>
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> of an object that may hold a key escaping a lone
    /// surrogate (<c>{"\ud800": 1}</c>), which System.Text.Json throws on while it compares keys: then every key is
    /// compared as the UTF-16 it spells, and the last one named <paramref name="name"/> wins, as TryGetProperty's does.
    /// </summary>
    public static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (!HasLoneSurrogate(name))
        {
            try
            {
                return element.TryGetProperty(name, out value);
            }
            catch (InvalidOperationException)
            {
                // A key with a lone surrogate escape: compared by hand below.
            }
        }

        value = default;
        var found = false;
        foreach (var property in element.EnumerateObject())
        {
            if (NameEquals(property, name))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="text"/> holds a surrogate that is not half of a pair.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> with every lone surrogate written as <c>\uXXXX</c>, so a message shows what the file holds.</summary>
    public static string Shown(string text)
    {
        if (!HasLoneSurrogate(text))
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                shown.Append(text[i]).Append(text[++i]);
            }
            else if (char.IsSurrogate(text[i]))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:x4}");
            }
            else
            {
                shown.Append(text[i]);
            }
        }

        return shown.ToString();
    }

    /// <summary>Decodes the inside of a JSON string the parser has already validated (escapes well formed, UTF-8 valid).</summary>
    private static string Decode(ReadOnlySpan<byte> raw)
    {
        var chars = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var n = 0;
            var i = 0;
            while (i < raw.Length)
            {
                var next = raw[i..].IndexOf((byte)'\\');
                var plain = next < 0 ? raw[i..] : raw.Slice(i, next);
                n += Encoding.UTF8.GetChars(plain, chars.AsSpan(n));
                i += plain.Length;
                if (next < 0)
                {
                    break;
                }

                var escape = raw[i + 1];
                i += 2;
                chars[n++] = escape switch
                {
                    (byte)'n' => '\n',
                    (byte)'t' => '\t',
                    (byte)'r' => '\r',
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'u' => (char)int.Parse(raw.Slice(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    _ => (char)escape, // \" \\ \/
                };
                if (escape == (byte)'u')
                {
                    i += 4;
                }
            }

            return new string(chars, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
