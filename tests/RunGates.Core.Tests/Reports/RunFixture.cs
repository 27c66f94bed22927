using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Reports;

/// <summary>
/// A runbook folder in a fresh temp folder, with a bundle inside it, and builders for the results a run produces,
/// made directly so report tests do not depend on the loader or the pipeline.
/// </summary>
internal sealed class RunFixture : IDisposable
{
    public static readonly DateTimeOffset Started = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public RunFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "rungates-tests", Guid.NewGuid().ToString("N")[..12]);
        Bundle = Path.Combine(Root, "out", "helios", "20261122T120000Z-abc1234");
        Directory.CreateDirectory(Bundle);
        File.WriteAllText(SpecPath, "version: 1\nname: helios\n");
    }

    public string Root { get; }

    public string Bundle { get; }

    public string SpecPath => Path.Combine(Root, "rungates.yml");

    public Runbook Runbook(PromoteSettings? promote = null, VerdictNames? states = null) => new()
    {
        SourcePath = SpecPath,
        Digest = new string('d', 64),
        Name = "helios",
        States = states ?? new VerdictNames("CERTIFIED", "PARTIAL", "IN-PROGRESS", "REJECT"),
        Run = new RunSettings { Bundles = Path.Combine(Root, "out", "helios") },
        Promote = promote,
    };

    public SourcePosition Spec(int line, int column = 5) => new(SpecPath, line, column);

    /// <summary>A position in the bundle, where gate evidence lives by default.</summary>
    public SourcePosition Evidence(string file, int line, int column) => new(Path.Combine(Bundle, file), line, column);

    public CheckResult Passed(string id, Phase phase = Phase.Gates, Severity severity = Severity.Required, string kind = "expect") => new()
    {
        Id = id,
        Kind = kind,
        Phase = phase,
        Severity = severity,
        Outcome = Outcome.Passed,
        Message = $"{id} holds",
        SpecPosition = Spec(10),
        Duration = TimeSpan.FromMilliseconds(12.4),
    };

    public CheckResult Failed(string id, Phase phase = Phase.Gates, Severity severity = Severity.Required, string kind = "expect", params CheckFinding[] findings) => new()
    {
        Id = id,
        Kind = kind,
        Phase = phase,
        Severity = severity,
        Outcome = Outcome.Failed,
        Message = findings.Length > 0 ? findings[0].Message : $"{id} failed",
        SpecPosition = Spec(12),
        Findings = findings,
        Duration = TimeSpan.FromMilliseconds(3),
    };

    public CheckResult With(Outcome outcome, string id, Phase phase = Phase.Gates, Severity severity = Severity.Required, string kind = "expect") =>
        Failed(id, phase, severity, kind) with { Outcome = outcome, Message = $"{id} is {outcome.ToString().ToLowerInvariant()}" };

    public RunResult Result(IReadOnlyList<CheckResult> checks, PromoteSettings? promote = null, string? stoppedAt = null, IReadOnlyList<StepResult>? steps = null, bool bundle = true) => new()
    {
        Runbook = Runbook(promote),
        Manifest = new RunManifest
        {
            RunId = Path.GetFileName(Bundle),
            Runbook = "helios",
            SpecDigest = new string('d', 64),
            Seed = "42",
            GitSha = new string('a', 40),
            GitDirty = false,
            Host = "test-host",
            StartedAt = Started,
            FinishedAt = Started.AddSeconds(3),
            State = RunManifest.Committed,
            Verifier = new ToolIdentity("rungates", "0.1.0"),
        },
        Verdict = VerdictEvaluator.Evaluate(checks),
        Checks = checks,
        Steps = steps ?? [],
        StoppedAt = stoppedAt,
        BundleDirectory = bundle ? Bundle : null,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder eventually.
        }
    }
}
