using System.Text;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Reads a SHA256SUMS line by line as GNU <c>sha256sum -c</c> (coreutils 9.1) does: text (<c>hex  name</c>) and binary
/// (<c>hex *name</c>) lines, the BSD one-separator form (<c>hex name</c>, as <c>md5 -r</c> writes; only when the first
/// such line uses it, and then every line does), <c>--tag</c> lines (<c>SHA256 (name) = hex</c>), escaped names (a
/// leading <c>\</c>), leading blanks, <c>#</c> comment lines, CRLF endings and upper-case hex; beyond sha256sum, a
/// UTF-8 BOM. Empty lines and comments are skipped; any other line that does not parse (a line of only blanks
/// included) is an RG4006 problem with its line number, and reading goes on. Bytes that are not UTF-8 are kept as
/// surrogate escapes (<see cref="FileNameEncoding"/>), so such names verify byte for byte.
/// </summary>
public static class LedgerReader
{
    private const string Algorithm = "SHA256";
    private const int HexLength = 64;

    public static LedgerReadResult Read(string ledgerFile) => Parse(FileNameEncoding.Decode(ReadBytes(ledgerFile)), ledgerFile);

    /// <summary>
    /// The bytes of a ledger file, opened as <see cref="RunGates.Core.Paths.RegularFile"/> opens any file: a FIFO,
    /// device or /proc file is an <see cref="IOException"/> naming what it is, never a read that blocks or never ends.
    /// </summary>
    internal static byte[] ReadBytes(string ledgerFile)
    {
        using var handle = Paths.RegularFile.TryOpenRead(ledgerFile, out var problem)
            ?? throw new IOException($"the ledger {ledgerFile} {problem}; expected a SHA256SUMS file.");
        var length = RandomAccess.GetLength(handle);
        using var stream = new FileStream(handle, FileAccess.Read, 1 << 16);
        using var copy = new MemoryStream(length > 0 && length < int.MaxValue ? (int)length : 0);
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Parses ledger text; <paramref name="source"/> names it in problems.</summary>
    public static LedgerReadResult Parse(string text, string source)
    {
        var records = new List<LedgerRecord>();
        var problems = new List<IntegrityProblem>();
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        // Lines are cut on LF only (one CR before it is dropped), read as spans: only the digest and the name of each
        // become strings. Whether the file uses the BSD one-separator form is settled by its first line that could be
        // either, as coreutils settles it: unknown, then yes or no for the rest of the file.
        var bsd = BsdForm.Unknown;
        var rest = text.AsSpan();
        var number = 0;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            number++;
            var parsed = ParseLine(line, number, ref bsd, source);
            if (parsed.Record is { } record)
            {
                records.Add(record);
            }
            else if (parsed.Malformed is { } problem)
            {
                problems.Add(problem);
            }
        }

        return new LedgerReadResult(records, problems);
    }

    internal enum BsdForm
    {
        Unknown,
        Yes,
        No,
    }

    /// <summary>
    /// One line without its LF: nothing for a comment or an empty line, a record, or an RG4006 problem. The one
    /// per-line rule, for a text read whole (<see cref="Parse"/>) and a file read as a stream (<see cref="LedgerLineStream"/>).
    /// </summary>
    internal static LedgerLine ParseLine(ReadOnlySpan<char> line, int number, ref BsdForm bsd, string source)
    {
        if (line.StartsWith('#'))
        {
            return default;
        }

        line = line.EndsWith('\r') ? line[..^1] : line;
        if (line.IsEmpty)
        {
            return default;
        }

        if (TryParseLine(line, ref bsd, out var listed, out var sha256))
        {
            return new LedgerLine(new LedgerRecord(WithoutDotSlash(listed), sha256, number) { Listed = listed }, null);
        }

        var shown = line.Length > 100 ? string.Concat(line[..100], "...") : line.ToString();
        return new LedgerLine(null, new IntegrityProblem(DiagnosticCatalog.MalformedLedgerLine, source,
            $"line {number}: expected '<64 hex digits>  <path>', '<64 hex digits> <path>' or 'SHA256 (<path>) = <64 hex digits>', found '{shown}'", number));
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';

    /// <summary>One line, in the order of coreutils' split_3 (the order matters: which checks settle the BSD form).</summary>
    private static bool TryParseLine(ReadOnlySpan<char> line, ref BsdForm bsd, out string listed, out string sha256)
    {
        listed = "";
        sha256 = "";
        var i = 0;
        while (i < line.Length && IsBlank(line[i]))
        {
            i++;
        }

        var escaped = i < line.Length && line[i] == '\\';
        if (escaped)
        {
            i++;
        }

        ReadOnlySpan<char> name;
        ReadOnlySpan<char> hex;
        if (line[i..].StartsWith(Algorithm, StringComparison.Ordinal))
        {
            i += Algorithm.Length;
            if (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i >= line.Length || line[i] != '(')
            {
                return false;
            }

            // Names in tagged lines are not escaped by BSD tools, so the name ends at the last ')'.
            var tagged = line[(i + 1)..];
            var close = tagged.LastIndexOf(')');
            if (close < 0)
            {
                return false;
            }

            name = tagged[..close];
            var j = close + 1;
            while (j < tagged.Length && IsBlank(tagged[j]))
            {
                j++;
            }

            if (j >= tagged.Length || tagged[j] != '=')
            {
                return false;
            }

            j++;
            while (j < tagged.Length && IsBlank(tagged[j]))
            {
                j++;
            }

            hex = tagged[j..];
            if (!IsSha256(hex))
            {
                return false;
            }
        }
        else
        {
            // A digest, one blank, then the name: at least one character after the blank.
            if (line.Length - i < HexLength + 2)
            {
                return false;
            }

            hex = line.Slice(i, HexLength);
            i += HexLength;
            if (!IsSha256(hex) || !IsBlank(line[i]))
            {
                return false;
            }

            i++;
            if (line.Length - i == 1 || (line[i] != ' ' && line[i] != '*'))
            {
                // One blank and the name: the BSD form, refused once the file has used the two-character form, since
                // a renamed file with a leading blank could otherwise pass for another.
                if (bsd == BsdForm.No)
                {
                    return false;
                }

                bsd = BsdForm.Yes;
            }
            else if (bsd != BsdForm.Yes)
            {
                bsd = BsdForm.No;
                i++;
            }

            name = line[i..];
        }

        var unescaped = name.ToString();
        if (escaped && !TryUnescape(unescaped, out unescaped))
        {
            return false;
        }

        listed = unescaped;
        sha256 = hex.ContainsAnyInRange('A', 'F') ? hex.ToString().ToLowerInvariant() : hex.ToString();
        return true;
    }

    /// <summary>A listed path with its leading <c>./</c> prefixes removed, as sha256sum and every ledger format treat them.</summary>
    internal static string WithoutDotSlash(string listed)
    {
        var start = 0;
        while (listed.AsSpan(start).StartsWith("./", StringComparison.Ordinal))
        {
            start += 2;
        }

        return start == 0 ? listed : listed[start..];
    }

    /// <summary>Whether <paramref name="text"/> is 64 hex digits, either case.</summary>
    internal static bool IsSha256(ReadOnlySpan<char> text) => text.Length == HexLength && !text.ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");


    private static bool TryUnescape(string text, out string unescaped)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            if (++i == text.Length)
            {
                unescaped = text;
                return false;
            }

            switch (text[i])
            {
                case '\\': builder.Append('\\'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                default:
                    unescaped = text;
                    return false;
            }
        }

        unescaped = builder.ToString();
        return true;
    }
}
