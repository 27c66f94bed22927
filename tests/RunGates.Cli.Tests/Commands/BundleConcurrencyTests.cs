using System.Text.Json;
using RunGates.Cli.Tests.TestSupport;
using RunGates.Core.Bundles;
using RunGates.Core.Runs;

namespace RunGates.Cli.Tests.Commands;

/// <summary>Real rungates processes racing over one bundles folder: every change is serialised by the lock beside the bundles.</summary>
public sealed class BundleConcurrencyTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Bundles => _folder["out/demo"];

    private string? Latest() => File.Exists(Path.Combine(Bundles, "LATEST")) ? File.ReadAllText(Path.Combine(Bundles, "LATEST")).Trim() : null;

    private RunBundle Commit(string runId, DateTimeOffset committedAt, bool commit = true, int payloadBytes = 0)
    {
        var bundle = RunBundle.Open(Bundles, runId, new RunManifest
        {
            RunId = runId,
            Runbook = "demo",
            SpecDigest = new string('d', 64),
            Host = "builder",
            StartedAt = Start,
            Verifier = ToolIdentity.Current,
        });
        bundle.WriteFile("results.json", """{ "verdict": "pass" }""");
        if (payloadBytes > 0)
        {
            // Enough to hash that validating a bundle takes a while: the window in which unserialised changes collide.
            File.WriteAllBytes(Path.Combine(bundle.Directory, "payload.bin"), new byte[payloadBytes]);
        }

        if (commit)
        {
            bundle.Commit(new FixedTime(committedAt));
        }

        return bundle;
    }

    [Fact]
    public async Task Eight_concurrent_invalidations_each_keep_their_line_and_LATEST_never_names_an_invalidated_bundle()
    {
        for (var round = 0; round < 3; round++)
        {
            if (Directory.Exists(Bundles))
            {
                Directory.Delete(Bundles, recursive: true);
            }

            for (var i = 0; i <= 8; i++)
            {
                Commit($"run-{i}", Start.AddMinutes(i), payloadBytes: 16 << 20);
            }

            Assert.Equal("run-8", Latest());
            var processes = Enumerable.Range(1, 8)
                .Select(i => RunGatesCli.Start(_folder.Path, null, "bundle", "invalidate", $"run-{i}", "--reason", $"bad {i}", "--by", "ci", "--bundles", Bundles))
                .ToList();
            var runs = await Task.WhenAll(processes.Select(RunGatesCli.CompleteAsync));

            Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
            var lines = File.ReadAllLines(Path.Combine(Bundles, "status.jsonl"));
            Assert.Equal(8, lines.Length);
            Assert.Equal(Enumerable.Range(1, 8).Select(i => $"run-{i}"), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("run_id").GetString()).Order(StringComparer.Ordinal));
            Assert.Equal("run-0", Latest());
            Assert.Equal(8, new BundleStore(Bundles).List().Count(b => b.Invalidated));
        }
    }

    [Fact]
    public async Task Parallel_runs_leave_LATEST_on_the_newest_committed_bundle()
    {
        _folder.Write("rungates.yml", """
            version: 1
            name: demo
            run:
              bundles: out/demo
              id: "run"
              steps:
                - id: produce
                  run: |
                    mkdir -p "$RUNGATES_RUN_DIR/reports"
                    printf '{ "ok": true }' > "$RUNGATES_RUN_DIR/reports/result.json"
            gates:
              - { id: ok, file: reports/result.json, expect: { ok: true } }
            ledger: { root: reports }
            promote: { requires: pass }
            """);
        for (var round = 0; round < 2; round++)
        {
            var processes = Enumerable.Range(0, 4).Select(_ => RunGatesCli.Start(_folder.Path, null, "run", "--spec", _folder["rungates.yml"], "--quiet")).ToList();
            var runs = await Task.WhenAll(processes.Select(RunGatesCli.CompleteAsync));

            Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
            var committed = new BundleStore(Bundles).List();
            Assert.Equal(4 * (round + 1), committed.Count(b => b.State == "committed"));
            var newest = committed.OrderByDescending(b => b.CommittedAt).ThenByDescending(b => b.RunId, StringComparer.Ordinal).First();
            Assert.Equal(newest.RunId, Latest());
            Assert.All(committed, b => Assert.True(BundleValidator.Validate(b.Directory).Succeeded, b.RunId));
            foreach (var bundle in committed)
            {
                using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle.Directory, "run.json")));
                Assert.Equal(bundle.CommittedAt, runJson.RootElement.GetProperty("committed_at").GetDateTimeOffset());
            }
        }
    }

    [Fact]
    public async Task A_state_change_waits_for_the_lock_another_process_holds()
    {
        Commit("run-1", Start);
        Commit("run-2", Start.AddHours(1));
        var held = new FileStream(Path.Combine(Bundles, ".rungates-lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var process = RunGatesCli.Start(_folder.Path, null, "bundle", "invalidate", "run-2", "--reason", "late", "--bundles", Bundles);
        var exited = process.WaitForExit(TimeSpan.FromSeconds(4));
        var statusWhileHeld = File.Exists(Path.Combine(Bundles, "status.jsonl"));
        await held.DisposeAsync();
        var run = await RunGatesCli.CompleteAsync(process);

        Assert.False(exited, "invalidate finished while another process held the lock");
        Assert.False(statusWhileHeld);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("run-1", Latest());
    }

    [Fact]
    public async Task Invalidating_a_bundle_still_in_progress_is_refused_and_its_commit_then_counts()
    {
        Commit("run-1", Start);
        var inProgress = Commit("run-2", Start.AddHours(1), commit: false);

        var run = await RunGatesCli.RunAsync(_folder.Path, "bundle", "invalidate", "run-2", "--reason", "too early", "--bundles", Bundles);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error RG4023: cannot invalidate 'run-2': it is not committed", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Bundles, "status.jsonl")));
        Assert.Equal("run-1", Latest());
        inProgress.Commit(new FixedTime(Start.AddHours(1)));
        Assert.Equal("run-2", Latest());
        Assert.Equal(0, (await RunGatesCli.RunAsync(_folder.Path, "bundle", "validate", "--bundles", Bundles)).ExitCode);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
