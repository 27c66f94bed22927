using System.Globalization;
using System.Text;

namespace RunGates.Bench;

/// <summary>
/// Writes receipts shaped like the Astral Citadel runbook's (status, metrics, risks, signatures), about 4 KiB each,
/// deterministic for a given count so runs compare. Every <c>failingEvery</c>-th file breaks one of the five gates.
/// Beside them, <c>limits.json</c> (the latency limit a reference reads) and <c>manifest.json</c> (every receipt id,
/// the list a <c>covers:</c> gate reads) for bench/evidence-gates/contract.yml.
/// </summary>
public static class EvidenceGenerator
{
    public static long Generate(string folder, int count, int failingEvery)
    {
        var receipts = Path.Combine(folder, "receipts");
        Directory.CreateDirectory(receipts);
        var random = new Random(20261122);
        long total = 0;
        var text = new StringBuilder(4096);
        for (var i = 0; i < count; i++)
        {
            var breaks = failingEvery > 0 && i % failingEvery == failingEvery - 1 ? i / failingEvery % 5 : -1;
            text.Clear();
            text.Append("{\n  \"receipt_id\": \"r").Append(i.ToString("D6", CultureInfo.InvariantCulture)).Append("\",\n");
            text.Append("  \"status\": \"").Append(breaks == 0 ? "FAIL" : "PASS").Append("\",\n");
            text.Append("  \"git_sha\": \"").Append(Hex(random, breaks == 1 ? 39 : 40)).Append("\",\n");
            text.Append("  \"author\": \"operator-").Append(i % 17).Append("\",\n");
            text.Append("  \"reviewer\": \"operator-").Append(breaks == 2 ? i % 17 : (i % 17) + 1).Append("\",\n");
            text.Append("  \"metrics\": { \"latency_ms\": ").Append(breaks == 3 ? 900 : random.Next(5, 240)).Append(", \"gas\": ").Append(random.Next(21000, 900000)).Append(" },\n");
            text.Append("  \"risks\": [\n");
            for (var r = 0; r < 24; r++)
            {
                var code = breaks == 4 && r == 11 ? "BLOCK" : r % 3 == 0 ? "INFO" : "WARN";
                text.Append("    { \"code\": \"").Append(code).Append("\", \"sector\": ").Append(r).Append(", \"note\": \"thermal envelope sample ").Append(Hex(random, 24)).Append("\" }");
                text.Append(r < 23 ? ",\n" : "\n");
            }

            text.Append("  ],\n  \"signatures\": [");
            for (var s = 0; s < 6; s++)
            {
                text.Append(s == 0 ? "" : ", ").Append('"').Append(Hex(random, 64)).Append('"');
            }

            text.Append("]\n}\n");
            var path = Path.Combine(receipts, $"r{i:D6}.json");
            File.WriteAllText(path, text.ToString());
            total += text.Length;
        }

        File.WriteAllText(Path.Combine(folder, "limits.json"), "{ \"latency_ms\": 250 }\n");
        var manifest = new StringBuilder("{\n  \"receipts\": [\n");
        for (var i = 0; i < count; i++)
        {
            manifest.Append("    \"r").Append(i.ToString("D6", CultureInfo.InvariantCulture)).Append(i < count - 1 ? "\",\n" : "\"\n");
        }

        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest.Append("  ]\n}\n").ToString());
        return total;
    }

    private static string Hex(Random random, int length)
    {
        const string digits = "0123456789abcdef";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = digits[r.Next(16)];
            }
        });
    }
}
