using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunGates.Core.Ledgers;

/// <summary>
/// A file name in JSON (artifact_index.json's <c>path</c>). A name that is not UTF-8 holds surrogate escapes (see
/// <see cref="FileNameEncoding"/>): each is written as the JSON escape of that lone surrogate, <c>\udcff</c> for the byte
/// 0xFF, which JSON's grammar allows and no valid UTF-8 name produces, so the bytes come back exactly. System.Text.Json
/// writes a lone surrogate as U+FFFD and refuses to read one, so both directions are done here. Any other name is
/// written as before, byte for byte.
/// </summary>
public sealed class FileNameJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a file name as a JSON string, found {reader.TokenType}");
        }

        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return reader.ValueIsEscaped ? Unescape(raw) : Encoding.UTF8.GetString(raw);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (!FileNameEncoding.HasEscapes(value))
        {
            writer.WriteStringValue(value);
            return;
        }

        // Each run of ordinary characters escaped as the bundle's JSON escapes text, each lone surrogate as \uXXXX.
        var json = new StringBuilder(value.Length + 16).Append('"');
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var lone = i < value.Length && char.IsSurrogate(value[i])
                && !(char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]));
            if (i == value.Length || lone)
            {
                json.Append(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value[start..i]));
                if (lone)
                {
                    json.Append("\\u").Append(((int)value[i]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                }

                start = i + 1;
            }
            else if (char.IsHighSurrogate(value[i]))
            {
                i++;
            }
        }

        writer.WriteRawValue(json.Append('"').ToString(), skipInputValidation: true);
    }

    /// <summary>The string of a JSON string's raw bytes (quotes excluded), every escape undone, lone surrogates kept.</summary>
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            var plain = backslash < 0 ? raw : raw[..backslash];
            text.Append(Encoding.UTF8.GetString(plain));
            if (backslash < 0)
            {
                break;
            }

            // The reader has checked the escapes' form already; only their meaning is left.
            var escape = raw[backslash + 1];
            var consumed = 2;
            switch (escape)
            {
                case (byte)'u':
                    text.Append((char)int.Parse(Encoding.ASCII.GetString(raw.Slice(backslash + 2, 4)), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
                    consumed = 6;
                    break;
                case (byte)'b': text.Append('\b'); break;
                case (byte)'f': text.Append('\f'); break;
                case (byte)'n': text.Append('\n'); break;
                case (byte)'r': text.Append('\r'); break;
                case (byte)'t': text.Append('\t'); break;
                default: text.Append((char)escape); break;
            }

            raw = raw[(backslash + consumed)..];
        }

        return text.ToString();
    }
}
