using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileSystemGlobbing;
using Matcher = RunGates.Core.Evidence.Matcher;
using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Bench;

/// <summary>
/// Times the five <c>each:</c> gates of bench/evidence-gates/rungates.yml in process (no CLI start-up, no bundle), in one
/// pass as a run evaluates them, with a fresh document cache per repeat.
/// </summary>
public static class EvidenceGateBench
{
    public static int Run(string evidence, int repeats)
    {
        static ValueReference Author(SourcePosition at) =>
            ValueReference.TryParse("author", at, out var reference, out var error) ? reference : throw new InvalidOperationException(error);

        var at = new SourcePosition("rungates.yml", 1, 1);
        EvidenceNode Text(string text, EvidenceNodeKind kind = EvidenceNodeKind.String) => EvidenceNode.Scalar(kind, text, () => at);
        FieldExpectation Field(string path, params Matcher[] matchers) => new(DocumentPath.Parse(path), matchers, at);
        ExpectCheck Gate(string id, params FieldExpectation[] expect) => new() { Id = id, Phase = Phase.Gates, Position = at, Each = "receipts/*.json", Expect = expect };

        ExpectCheck[] gates =
        [
            Gate("status-pass", Field("status", new Matcher(MatcherKind.EqualTo, at) { Value = Text("PASS") })),
            Gate("signed", Field("git_sha", new Matcher(MatcherKind.Matches, at) { Pattern = new Regex("^[0-9a-f]{40}$", RegexOptions.CultureInvariant) })),
            Gate("reviewed", Field("reviewer", new Matcher(MatcherKind.Exists, at) { Value = Text("true", EvidenceNodeKind.Boolean) }, new Matcher(MatcherKind.NotEqualField, at) { Reference = Author(at) })),
            Gate("latency", Field("metrics.latency_ms", new Matcher(MatcherKind.Max, at) { Value = Text("250", EvidenceNodeKind.Number) })),
            Gate("no-blocking-risk", Field("risks[*].code", new Matcher(MatcherKind.NotIn, at) { Values = [Text("BLOCK"), Text("HALT")] })),
        ];

        var spec = Path.Combine(Path.GetFullPath(evidence), "rungates.yml");
        var times = new List<double>();
        var cpu = new List<double>();
        var globs = new List<double>();
        var findings = 0;
        for (var r = 0; r < repeats + 1; r++)
        {
            var context = new CheckContext
            {
                Runbook = new Runbook { SourcePath = spec, Digest = "", Name = "bench", Run = new RunSettings { Bundles = Path.GetTempPath() } },
                EvidenceDirectory = Path.GetFullPath(evidence),
                BundlesDirectory = Path.GetTempPath(),
                Environment = new Dictionary<string, string>(),
                Masker = SecretMasker.None,
                Processes = new ProcessRunner(SecretMasker.None),
                Documents = new EvidenceDocumentCache(),
            };

            GC.Collect();
            var globClock = Stopwatch.StartNew();
            var matcher = new Microsoft.Extensions.FileSystemGlobbing.Matcher(StringComparison.Ordinal);
            matcher.AddInclude("receipts/*.json");
            _ = matcher.GetResultsInFullPath(Path.GetFullPath(evidence)).Count();
            globClock.Stop();
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();

            // As a run evaluates consecutive expect: gates: one pass over the documents for all five.
            var evaluations = ExpectPass.Evaluate(gates, context, CancellationToken.None);
            findings = evaluations.Sum(e => e.Findings.Count);
            if (r == repeats)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  last repeat: allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocatedStart) / 1048576.0:0.0} MiB, gen0 collections so far {GC.CollectionCount(0)}"));
            }

            clock.Stop();
            if (r > 0)
            {
                // The first repeat warms the JIT and is not counted.
                times.Add(clock.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds);
                globs.Add(globClock.Elapsed.TotalSeconds);
            }
        }

        times.Sort();
        cpu.Sort();
        globs.Sort();
        var files = Directory.GetFiles(Path.Combine(evidence, "receipts"), "*.json").Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"files: {files}, processors: {Environment.ProcessorCount}, repeats: {repeats}, findings: {findings}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"five each: gates (one pass: glob, read, parse, evaluate): median {times[times.Count / 2]:0.000}s  min {times[0]:0.000}s  max {times[^1]:0.000}s"));
        var all = Directory.GetFiles(Path.Combine(evidence, "receipts"), "*.json");
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var file in all)
        {
            _ = File.ReadAllBytes(file);
        }

        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var file in all)
        {
            _ = EvidenceReader.Load(file);
        }

        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  single thread CPU: read all files {(cpu1 - cpu0).TotalSeconds:0.000}s, read + parse all {(cpu2 - cpu1).TotalSeconds:0.000}s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU time for the five gates: median {cpu[cpu.Count / 2]:0.000}s; one glob of receipts/*.json alone: median {globs[globs.Count / 2]:0.000}s"));
        return 0;
    }
}
