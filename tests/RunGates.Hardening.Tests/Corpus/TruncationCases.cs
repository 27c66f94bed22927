namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// Every example runbook cut short: at eleven evenly spaced points, and just inside its first flow sequence, flow
/// mapping and quoted string. Run with <c>run --preflight-only</c> (no bundle, no steps): a cut that still loads is a
/// verdict (0 or 1), one that does not is RG1xxx at a position with nothing written; never a crash.
/// </summary>
internal static class TruncationCases
{
    public static IEnumerable<HostileCase> All()
    {
        foreach (var runbook in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "examples"), "rungates.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var example = Path.GetFileName(Path.GetDirectoryName(runbook)!);
            var bytes = File.ReadAllBytes(runbook);
            var cuts = Enumerable.Range(1, 11).Select(i => bytes.Length * i / 12).ToList();
            foreach (var opener in "[{\"")
            {
                var at = Array.IndexOf(bytes, (byte)opener);
                if (at >= 0)
                {
                    cuts.Add(at + 2);
                }
            }

            foreach (var cut in cuts.Distinct().Order())
            {
                var text = bytes[..cut];
                yield return new HostileCase(
                    $"truncation/{example}@{cut}",
                    "yaml-limits",
                    f => f.WriteBytes("rungates.yml", text),
                    ["run", "--preflight-only"],
                    CaseExpectation.RunbookError().OrExit(0, 1));
            }
        }
    }
}
