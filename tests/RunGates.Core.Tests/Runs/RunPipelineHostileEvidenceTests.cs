using System.Diagnostics;
using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Runs;

/// <summary>
/// A whole run over evidence that once hung or aborted it: a FIFO named as a gate's file, a FIFO among an each:
/// glob's matches, and a matches: pattern that runs out of time. Each fails its own check; the run ends and the bundle
/// is committed.
/// </summary>
public sealed class RunPipelineHostileEvidenceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void Fifo(string relative)
    {
        var path = _folder[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task Fifos_and_a_runaway_pattern_fail_their_checks_and_the_bundle_is_committed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _folder.Write("ev/r/1.json", "{ \"ok\": true }");
        _folder.Write("ev/r/3.json", "{ \"ok\": true }");
        _folder.Write("ev/long.json", $"{{ \"v\": \"{new string('a', 40)}b\" }}");
        Fifo("ev/pipe.json");
        Fifo("ev/r/2.json");
        _folder.Write("rungates.yml", """
            version: 1
            name: demo
            run:
              bundles: out/demo
              id: "run"
              evidence: ev
            gates:
              - { id: piped, file: pipe.json, expect: { ok: true } }
              - { id: each-piped, each: "r/*.json", expect: { ok: true } }
              - { id: runaway, file: long.json, expect: { v: { matches: '^(?!x)(a+)+$' } } }
              - { id: fine, file: r/1.json, expect: { ok: true } }
            """);
        var runbook = new RunbookLoader(new Dictionary<string, string>()).Load(_folder["rungates.yml"]);
        var options = new RunOptions { Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" } };

        var result = await new RunPipeline(runbook, options).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var checks = result.Checks.ToDictionary(c => c.Id);
        Assert.Equal(Outcome.Failed, checks["piped"].Outcome);
        Assert.Contains("pipe.json is a named pipe (FIFO), not a regular file", checks["piped"].Message, StringComparison.Ordinal);
        Assert.Equal(Outcome.Failed, checks["each-piped"].Outcome);
        Assert.StartsWith("1 of 3 documents fail r/*.json: r/2.json: ", checks["each-piped"].Message, StringComparison.Ordinal);
        Assert.Contains("is a named pipe (FIFO)", checks["each-piped"].Message, StringComparison.Ordinal);
        Assert.Equal(Outcome.Failed, checks["runaway"].Outcome);
        Assert.Contains("(RG3045)", checks["runaway"].Message, StringComparison.Ordinal);
        Assert.Equal(Outcome.Passed, checks["fine"].Outcome);
        Assert.True(File.Exists(Path.Combine(result.BundleDirectory!, "artifact_index.json")), "the bundle is committed");
        Assert.Equal("run", File.ReadAllText(_folder["out/demo/LATEST"]).Trim());
    }
}
