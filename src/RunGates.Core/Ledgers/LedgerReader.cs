using System.Text;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Reads a SHA256SUMS as <c>sha256sum</c> writes it and as people hand-edit it: text (<c>hex  name</c>) and binary
/// (<c>hex *name</c>) lines, <c>--tag</c> lines (<c>SHA256 (name) = hex</c>), escaped names (a leading <c>\</c>),
/// CRLF endings, a UTF-8 BOM, upper-case hex and <c>./</c> prefixes. Blank lines are skipped; any other line that
/// does not parse is an RG4006 problem with its line number, and reading goes on.
/// </summary>
public static class LedgerReader
{
    private const string TagPrefix = "SHA256 (";
    private const string TagSeparator = ") = ";
    private const int HexLength = 64;

    public static LedgerReadResult Read(string ledgerFile) =>
        Parse(Encoding.UTF8.GetString(File.ReadAllBytes(ledgerFile)), ledgerFile);

    /// <summary>Parses ledger text; <paramref name="source"/> names it in problems.</summary>
    public static LedgerReadResult Parse(string text, string source)
    {
        var records = new List<LedgerRecord>();
        var problems = new List<IntegrityProblem>();
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        // Lines are cut on LF only (a CR before it is dropped), read as spans: only the digest and the name of each
        // become strings.
        var rest = text.AsSpan();
        var number = 0;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('\n');
            var raw = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            number++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (TryParseLine(line, out var path, out var sha256))
            {
                records.Add(new LedgerRecord(path, sha256, number));
            }
            else
            {
                var shown = line.Length > 100 ? string.Concat(line[..100], "...") : line.ToString();
                problems.Add(new IntegrityProblem(DiagnosticCatalog.MalformedLedgerLine, source,
                    $"line {number}: expected '<64 hex digits>  <path>' or 'SHA256 (<path>) = <64 hex digits>', found '{shown}'", number));
            }
        }

        return new LedgerReadResult(records, problems);
    }

    private static bool TryParseLine(ReadOnlySpan<char> line, out string path, out string sha256)
    {
        path = "";
        sha256 = "";
        var escaped = line.StartsWith('\\');
        if (escaped)
        {
            line = line[1..];
        }

        ReadOnlySpan<char> name;
        ReadOnlySpan<char> hex;
        if (line.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            var separator = line.LastIndexOf(TagSeparator, StringComparison.Ordinal);
            if (separator < TagPrefix.Length || line.Length - separator - TagSeparator.Length != HexLength)
            {
                return false;
            }

            name = line[TagPrefix.Length..separator];
            hex = line[(separator + TagSeparator.Length)..];
        }
        else
        {
            if (line.Length <= HexLength + 2 || line[HexLength] != ' ' || (line[HexLength + 1] != ' ' && line[HexLength + 1] != '*'))
            {
                return false;
            }

            hex = line[..HexLength];
            name = line[(HexLength + 2)..];
        }

        if (!IsSha256(hex))
        {
            return false;
        }

        var unescaped = name.ToString();
        if (escaped && !TryUnescape(unescaped, out unescaped))
        {
            return false;
        }

        path = WithoutDotSlash(unescaped);
        sha256 = hex.ContainsAnyInRange('A', 'F') ? hex.ToString().ToLowerInvariant() : hex.ToString();
        return path.Length > 0;
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
