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

        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (TryParseLine(line, out var path, out var sha256))
            {
                records.Add(new LedgerRecord(path, sha256, i + 1));
            }
            else
            {
                var shown = line.Length > 100 ? line[..100] + "..." : line;
                problems.Add(new IntegrityProblem(DiagnosticCatalog.MalformedLedgerLine, source,
                    $"line {i + 1}: expected '<64 hex digits>  <path>' or 'SHA256 (<path>) = <64 hex digits>', found '{shown}'", i + 1));
            }
        }

        return new LedgerReadResult(records, problems);
    }

    private static bool TryParseLine(string line, out string path, out string sha256)
    {
        path = "";
        sha256 = "";
        var escaped = line.StartsWith('\\');
        if (escaped)
        {
            line = line[1..];
        }

        string name;
        if (line.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            var separator = line.LastIndexOf(TagSeparator, StringComparison.Ordinal);
            if (separator < TagPrefix.Length || line.Length - separator - TagSeparator.Length != HexLength)
            {
                return false;
            }

            name = line[TagPrefix.Length..separator];
            sha256 = line[(separator + TagSeparator.Length)..];
        }
        else
        {
            if (line.Length <= HexLength + 2 || line[HexLength] != ' ' || (line[HexLength + 1] != ' ' && line[HexLength + 1] != '*'))
            {
                return false;
            }

            sha256 = line[..HexLength];
            name = line[(HexLength + 2)..];
        }

        if (!IsHex(sha256) || (escaped && !TryUnescape(name, out name)))
        {
            return false;
        }

        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        path = name;
        sha256 = sha256.AsSpan().ContainsAnyInRange('A', 'F') ? sha256.ToLowerInvariant() : sha256;
        return path.Length > 0;
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsHex(string text) => text.Length == HexLength && !text.AsSpan().ContainsAnyExcept(HexDigits);

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
