using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace RunGates.Core.Runbooks;

/// <summary>
/// The limits a YAML document's bytes are held to before its parser starts: document size and line length. Both
/// are one pass over the bytes, and a file is never read more than one byte past its size limit.
/// </summary>
internal static class YamlTextLimits
{
    /// <summary>
    /// Reads <paramref name="handle"/> from the start, stopping one byte past <paramref name="limits"/>' size limit,
    /// so that a file of any size (or one that grows while read) costs at most that much memory.
    /// </summary>
    public static (byte[] Bytes, int Length) ReadBounded(SafeFileHandle handle, YamlLimits limits)
    {
        var cap = (int)Math.Min(limits.MaxDocumentBytes + 1, Array.MaxLength);
        var size = RandomAccess.GetLength(handle);
        var buffer = new byte[(int)Math.Clamp(size + 1, 4096, cap)];
        var length = 0;
        while (length < cap)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, cap));
            }

            var n = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            if (n == 0)
            {
                break;
            }

            length += n;
        }

        return (buffer, length);
    }

    /// <summary>The first size or line-length limit <paramref name="utf8"/> crosses, at the position it is crossed; null when none.</summary>
    public static YamlProblem? Check(ReadOnlySpan<byte> utf8, YamlLimits limits)
    {
        var bom = utf8.StartsWith("\xEF\xBB\xBF"u8) ? 3 : 0;
        var line = 1;
        var column = 0;
        var end = (int)Math.Min(utf8.Length, limits.MaxDocumentBytes);
        for (var i = bom; i < end; i++)
        {
            var b = utf8[i];
            if (b == (byte)'\n')
            {
                line++;
                column = 0;
            }
            else if (b != (byte)'\r' && (b & 0xC0) != 0x80)
            {
                // A character starts here (UTF-8 continuation bytes are 10xxxxxx).
                column++;
                if (column > limits.MaxLineLength)
                {
                    return new YamlProblem(
                        YamlProblemKind.Limit,
                        Invariant($"line {line} crosses the line-length limit of {limits.MaxLineLength} characters for {limits.Named}: expected at most {limits.MaxLineLength} characters on a line, found more from column {column}"),
                        line,
                        column,
                        "Break the line: YAML folds long strings written as a block scalar (>) over several lines.");
                }
            }
        }

        if (utf8.Length > limits.MaxDocumentBytes)
        {
            return new YamlProblem(
                YamlProblemKind.Limit,
                Invariant($"the {limits.Subject} crosses the document-size limit of {Size(limits.MaxDocumentBytes)} ({limits.MaxDocumentBytes} bytes) here: expected a smaller file, found more bytes than that; nothing past the limit was read"),
                line,
                column + 1,
                limits.Subject == "runbook"
                    ? "Keep the runbook small: values this large belong in a file a check reads."
                    : "Split the evidence into several files; one gate reads them all with each:.");
        }

        return null;
    }

    /// <summary>A size as people say it: 1 MiB, 64 MiB, 512 KiB.</summary>
    public static string Size(long bytes) =>
        bytes % (1 << 20) == 0 ? Invariant($"{bytes >> 20} MiB") : bytes % 1024 == 0 ? Invariant($"{bytes >> 10} KiB") : Invariant($"{bytes} bytes");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
