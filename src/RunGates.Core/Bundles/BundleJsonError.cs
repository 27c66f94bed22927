using System.Text.Json;

namespace RunGates.Core.Bundles;

/// <summary>
/// A <see cref="JsonException"/> in RunGates' words: the 1-based line and column it gives, and its reason without
/// System.Text.Json's own "Path: $ | LineNumber: 0 | BytePositionInLine: 7." suffix, which the position already says.
/// One rule for every bundle file read as JSON (artifact_index.json, status.jsonl, results.json for <c>explain</c>).
/// </summary>
public static class BundleJsonError
{
    /// <summary>The 1-based line of the error, or 0 when the exception gives none.</summary>
    public static int Line(JsonException e) => e.LineNumber is { } line ? (int)Math.Min(line + 1, int.MaxValue) : 0;

    /// <summary>The 1-based column (in bytes, as the reader counts) of the error, or 0 when the exception gives no line.</summary>
    public static int Column(JsonException e) => e.LineNumber is null ? 0 : (int)Math.Min((e.BytePositionInLine ?? 0) + 1, int.MaxValue);

    /// <summary>The reason alone, e.g. "'g' is an invalid start of a value", without the trailing full stop.</summary>
    public static string Reason(JsonException e)
    {
        var text = e.Message;
        var cut = text.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = text.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return (cut < 0 ? text : text[..cut]).TrimEnd('.', ' ');
    }
}
