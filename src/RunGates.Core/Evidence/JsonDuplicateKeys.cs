using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RunGates.Core.Evidence;

/// <summary>
/// Finds a key named twice in one JSON object, as YAML refuses: with the last value winning, a duplicate could hide a
/// failing value behind a passing one. System.Text.Json's own check (<c>AllowDuplicateProperties = false</c>) allocates
/// about a kilobyte per document and gives no position; this walk allocates nothing on a document that has no
/// duplicate (hashes of the raw names in a pooled array, sorted, neighbours compared), except for an escaped key name.
/// </summary>
internal static class JsonDuplicateKeys
{
    /// <summary>The byte offsets (from the root's first byte) of the first and the repeated name, or null when every object names each key once.</summary>
    public static (string Key, int First, int Again)? Find(JsonElement root) => Walk(root, root);

    private static (string Key, int First, int Again)? Walk(JsonElement root, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.GetPropertyCount() <= SmallObject.Length:
                return InSmallObject(root, element);
            case JsonValueKind.Object:
                if (InObject(root, element) is { } duplicate)
                {
                    return duplicate;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Walk(root, property.Value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Walk(root, item) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static (string Key, int First, int Again)? InObject(JsonElement root, JsonElement element)
    {
        var count = element.GetPropertyCount();
        if (count < 2)
        {
            return null;
        }

        // Each entry: the name's hash in the high 32 bits, its index in the low, so one sort groups equal hashes in order.
        var keys = ArrayPool<long>.Shared.Rent(count);
        var properties = ArrayPool<JsonProperty>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var property in element.EnumerateObject())
            {
                properties[n] = property;
                keys[n] = ((long)Hash(property) << 32) | (uint)n;
                n++;
            }

            var sorted = keys.AsSpan(0, n);
            sorted.Sort();
            for (var i = 1; i < n; i++)
            {
                if ((sorted[i] >> 32) != (sorted[i - 1] >> 32))
                {
                    continue;
                }

                // Equal hashes: compare the names themselves against every earlier one of the same hash.
                for (var j = i - 1; j >= 0 && (sorted[j] >> 32) == (sorted[i] >> 32); j--)
                {
                    var first = properties[(int)(uint)sorted[j]];
                    var again = properties[(int)(uint)sorted[i]];
                    if (SameName(first, again))
                    {
                        return (JsonStringText.Shown(JsonStringText.Name(again)), OffsetOfName(root, first), OffsetOfName(root, again));
                    }
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<JsonProperty>.Shared.Return(properties, clearArray: true);
        }
    }

    // Most evidence objects hold a handful of keys: comparing each pair costs less than hashing, sorting and renting,
    // and one enumeration both compares the names and walks into the values.
    private static (string Key, int First, int Again)? InSmallObject(JsonElement root, JsonElement element)
    {
        var properties = default(SmallObject);
        var lengths = default(SmallObjectNameLengths);
        var n = 0;
        foreach (var property in element.EnumerateObject())
        {
            // Names of different lengths differ, unless either is escaped (-1): most pairs are told apart without reading a byte.
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            var length = raw.IndexOf((byte)'\\') < 0 ? raw.Length : -1;
            for (var j = 0; j < n; j++)
            {
                if ((lengths[j] == length || lengths[j] < 0 || length < 0) && SameName(properties[j], property))
                {
                    return (JsonStringText.Shown(JsonStringText.Name(property)), OffsetOfName(root, properties[j]), OffsetOfName(root, property));
                }
            }

            lengths[n] = length;
            properties[n++] = property;
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Walk(root, property.Value) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    [InlineArray(Length)]
    private struct SmallObject
    {
        public const int Length = 8;
        private JsonProperty _first;
    }

    [InlineArray(SmallObject.Length)]
    private struct SmallObjectNameLengths
    {
        private int _first;
    }

    private static int Hash(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        var hash = default(HashCode);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            hash.AddBytes(raw);
        }
        else
        {
            // An escaped name hashes as its decoded UTF-8, so "a\u0062" meets "ab"; rare enough to allocate.
            hash.AddBytes(Encoding.UTF8.GetBytes(JsonStringText.Name(property)));
        }

        return hash.ToHashCode();
    }

    private static bool SameName(JsonProperty first, JsonProperty again)
    {
        // Escaped on either side: compare the decoded names (System.Text.Json's own unescaping throws on a lone surrogate).
        var raw = JsonMarshal.GetRawUtf8PropertyName(first);
        var other = JsonMarshal.GetRawUtf8PropertyName(again);
        return raw.IndexOf((byte)'\\') < 0 && other.IndexOf((byte)'\\') < 0
            ? raw.SequenceEqual(other)
            : string.Equals(JsonStringText.Name(first), JsonStringText.Name(again), StringComparison.Ordinal);
    }

    /// <summary>The offset of the name's opening quote: the raw name is a slice of the root's bytes, just inside it.</summary>
    private static int OffsetOfName(JsonElement root, JsonProperty property)
    {
        var start = JsonMarshal.GetRawUtf8Value(root);
        var name = JsonMarshal.GetRawUtf8PropertyName(property);
        return (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(start), ref MemoryMarshal.GetReference(name)) - 1;
    }
}
