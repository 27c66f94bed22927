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
/// Times the five <c>each:</c> gates of bench/evidence-gates/rungates.yml in process (no CLI start-up, no bundle), with a
/// fresh document cache per repeat so every repeat parses every file once, as a run does.
/// </summary>
public static class EvidenceGateBench
{
    public static int Run(string evidence, int repeats)
    {
        var at = new SourcePosition("rungates.yml", 1, 1);
        EvidenceNode Text(string text, EvidenceNodeKind kind = EvidenceNodeKind.String) => EvidenceNode.Scalar(kind, text, () => at);
        FieldExpectation Field(string path, params Matcher[] matchers) => new(DocumentPath.Parse(path), matchers, at);
        ExpectCheck Gate(string id, params FieldExpectation[] expect) => new() { Id = id, Phase = Phase.Gates, Position = at, Each = "receipts/*.json", Expect = expect };

        Check[] gates =
        [
            Gate("status-pass", Field("status", new Matcher(MatcherKind.EqualTo, at) { Value = Text("PASS") })),
            Gate("signed", Field("git_sha", new Matcher(MatcherKind.Matches, at) { Pattern = new Regex("^[0-9a-f]{40}$", RegexOptions.CultureInvariant) })),
            Gate("reviewed", Field("reviewer", new Matcher(MatcherKind.Exists, at) { Value = Text("true", EvidenceNodeKind.Boolean) }, new Matcher(MatcherKind.NotEqualField, at) { Field = DocumentPath.Parse("author") })),
            Gate("latency", Field("metrics.latency_ms", new Matcher(MatcherKind.Max, at) { Value = Text("250", EvidenceNodeKind.Number) })),
            Gate("no-blocking-risk", Field("risks[*].code", new Matcher(MatcherKind.NotIn, at) { Values = [Text("BLOCK"), Text("HALT")] })),
        ];

        var spec = Path.Combine(Path.GetFullPath(evidence), "rungates.yml");
        var times = new List<double>();
        var cpu = new List<double>();
        var globs = new List<double>();
        var parseTimes = new List<double>();
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
            var clock = Stopwatch.StartNew();
            var first = gates[0].EvaluateAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var parse = clock.Elapsed.TotalSeconds;
            findings = first.Findings.Count;
            var firstCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
            foreach (var gate in gates.Skip(1))
            {
                findings += gate.EvaluateAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult().Findings.Count;
            }

            if (r == repeats)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  last repeat: first gate CPU {firstCpu.TotalSeconds:0.000}s, other four gates CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuStart - firstCpu).TotalSeconds:0.000}s"));
            }

            clock.Stop();
            if (r > 0)
            {
                // The first repeat warms the JIT and is not counted.
                times.Add(clock.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds);
                globs.Add(globClock.Elapsed.TotalSeconds);
                parseTimes.Add(parse);
            }
        }

        times.Sort();
        parseTimes.Sort();
        cpu.Sort();
        globs.Sort();
        var files = Directory.GetFiles(Path.Combine(evidence, "receipts"), "*.json").Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"files: {files}, processors: {Environment.ProcessorCount}, repeats: {repeats}, findings: {findings}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"five each: gates (parse once + evaluate): median {times[times.Count / 2]:0.000}s  min {times[0]:0.000}s  max {times[^1]:0.000}s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which first gate (glob + parse all + evaluate): median {parseTimes[parseTimes.Count / 2]:0.000}s"));
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
