// Turns the test run's XML reports into the JSON evidence rungates.yml gates: runbook evidence is JSON or YAML, and
// rungates reads no XML. Only counting happens here; every threshold lives in rungates.yml.
using System.Text.Json;
using System.Xml.Linq;

/// <summary>Counts from TRX files and coverlet's Cobertura reports, written as evidence/tests.json and evidence/coverage.json.</summary>
public static class TestEvidence
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private static readonly string[] TrxCounters = { "total", "executed", "passed", "failed", "error", "timeout", "aborted", "inconclusive", "notExecuted" };
    private static readonly JsonSerializerOptions Indented = new JsonSerializerOptions { WriteIndented = true };

    /// <summary>
    /// Sums every TRX file's ResultSummary counters (as .ci/trx-summary.sh does) and keeps each file's outcome, so a
    /// gate can ask for failed = 0, passed = total and every file Completed.
    /// </summary>
    public static void WriteTests(DirectoryPath evidenceRoot, IEnumerable<FilePath> trxFiles, FilePath output)
    {
        var totals = TrxCounters.ToDictionary(c => Snake(c), c => 0L);
        var files = new List<Dictionary<string, object>>();
        foreach (var trx in trxFiles.OrderBy(f => f.FullPath, StringComparer.Ordinal))
        {
            var summary = XDocument.Load(trx.FullPath).Root.Element(Trx + "ResultSummary");
            var counters = summary.Element(Trx + "Counters");
            var entry = new Dictionary<string, object>
            {
                ["file"] = evidenceRoot.GetRelativePath(trx).FullPath,
                ["outcome"] = (string)summary.Attribute("outcome"),
            };
            foreach (var name in TrxCounters)
            {
                var value = long.Parse((string)counters.Attribute(name) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                entry[Snake(name)] = value;
                totals[Snake(name)] += value;
            }

            files.Add(entry);
        }

        var document = new Dictionary<string, object>();
        foreach (var (name, value) in totals)
        {
            document[name] = value;
        }

        document["files"] = files;
        Write(output, document);
    }

    /// <summary>
    /// Line coverage over the union of every Cobertura report: a line counts as covered when any test project hit it,
    /// so a line one project covers and another does not is counted once, covered. Per package as well.
    /// </summary>
    public static void WriteCoverage(DirectoryPath evidenceRoot, IEnumerable<FilePath> reports, FilePath output)
    {
        // (package, source file) -> line number -> covered
        var lines = new Dictionary<(string Package, string File), Dictionary<int, bool>>();
        var used = new List<string>();
        foreach (var report in reports.OrderBy(f => f.FullPath, StringComparer.Ordinal))
        {
            var root = XDocument.Load(report.FullPath).Root;
            var sources = root.Element("sources")?.Elements("source").Select(s => s.Value).ToList() ?? new List<string>();
            used.Add(evidenceRoot.GetRelativePath(report).FullPath);
            foreach (var package in root.Descendants("package"))
            {
                var packageName = (string)package.Attribute("name");
                foreach (var @class in package.Descendants("class"))
                {
                    var file = SourceFile(sources, (string)@class.Attribute("filename"));
                    if (!lines.TryGetValue((packageName, file), out var hits))
                    {
                        hits = new Dictionary<int, bool>();
                        lines[(packageName, file)] = hits;
                    }

                    foreach (var line in @class.Elements("lines").Elements("line"))
                    {
                        var number = (int)line.Attribute("number");
                        var covered = (long)line.Attribute("hits") > 0;
                        hits[number] = (hits.TryGetValue(number, out var before) && before) || covered;
                    }
                }
            }
        }

        var packages = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var group in lines.GroupBy(l => l.Key.Package))
        {
            var valid = group.Sum(l => l.Value.Count);
            var covered = group.Sum(l => l.Value.Count(h => h.Value));
            packages[group.Key] = Coverage(valid, covered);
        }

        var allValid = lines.Sum(l => l.Value.Count);
        var allCovered = lines.Sum(l => l.Value.Count(h => h.Value));
        var document = Coverage(allValid, allCovered);
        document["reports"] = used;
        document["packages"] = packages;
        Write(output, document);
    }

    private static Dictionary<string, object> Coverage(int valid, int covered) => new Dictionary<string, object>
    {
        ["lines_valid"] = valid,
        ["lines_covered"] = covered,
        ["line_rate"] = valid == 0 ? 0.0 : Math.Round((double)covered / valid, 4),
    };

    // Cobertura names a class's file relative to one of its <source> folders; the full path keys the union.
    private static string SourceFile(List<string> sources, string filename)
    {
        if (System.IO.Path.IsPathRooted(filename) || sources.Count == 0)
        {
            return filename;
        }

        var existing = sources.Select(s => System.IO.Path.Combine(s, filename)).FirstOrDefault(System.IO.File.Exists);
        return existing ?? System.IO.Path.Combine(sources[0], filename);
    }

    private static string Snake(string camel) => string.Concat(camel.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));

    private static void Write(FilePath output, object document)
    {
        System.IO.Directory.CreateDirectory(output.GetDirectory().FullPath);
        System.IO.File.WriteAllText(output.FullPath, JsonSerializer.Serialize(document, Indented) + "\n");
    }
}
