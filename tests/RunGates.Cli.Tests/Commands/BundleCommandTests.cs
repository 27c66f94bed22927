using RunGates.Cli.Tests.TestSupport;
using RunGates.Core.Bundles;
using RunGates.Core.Runs;

namespace RunGates.Cli.Tests.Commands;

public sealed class BundleCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Bundles => _folder["out/demo"];

    private Task<CliRun> Run(params string[] args) => RunGatesCli.RunAsync(_folder.Path, ["bundle", .. args]);

    private RunBundle Commit(string runId, DateTimeOffset committedAt, bool commit = true)
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
        bundle.WriteFile("reports/a.txt", "alpha\n");
        bundle.WriteFile("results.json", """{ "verdict": "pass" }""");
        if (commit)
        {
            bundle.Commit(new FixedTime(committedAt));
        }

        return bundle;
    }

    [Fact]
    public async Task Validate_of_an_untouched_LATEST_exits_0()
    {
        Commit("run-1", Start);

        var run = await Run("validate", "--bundles", "out/demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"valid: {Path.Combine("out", "demo", "run-1")} (3 files, committed 2026-11-23 08:00:00Z)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_verifies_the_promotion_packet_and_refuses_a_hand_edited_one_with_exit_3()
    {
        _folder.Write("evidence/diagnostics.json", """{ "burst": 0.4 }""");
        _folder.Write("rungates.yml", """
            version: 1
            name: demo
            run: { bundles: out/demo, evidence: evidence }
            gates:
              - { id: burst-cap, file: diagnostics.json, expect: { burst: { max: 0.25 } } }
            promote: { requires: pass }
            """);
        Assert.Equal(1, (await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet")).ExitCode);
        var untouched = await Run("validate");
        var packet = Path.Combine(Bundles, File.ReadAllText(Path.Combine(Bundles, "LATEST")).Trim(), "promotion_packet.json");
        File.WriteAllText(packet, File.ReadAllText(packet).Replace("\"promotable\": false", "\"promotable\": true", StringComparison.Ordinal));

        var edited = await Run("validate");

        Assert.True(untouched.ExitCode == 0, untouched.ToString());
        Assert.True(edited.ExitCode == 3, edited.ToString());
        Assert.Contains($"{Path.Combine(Path.GetRelativePath(_folder.Path, Path.GetDirectoryName(packet)!), "promotion_packet.json")}: error RG4017: field 'promotable' is true", edited.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_tampered_byte_exits_3_naming_the_file()
    {
        var bundle = Commit("run-1", Start);
        var file = Path.Combine(bundle.Directory, "reports", "a.txt");
        var bytes = File.ReadAllBytes(file);
        bytes[2] ^= 0x20;
        File.WriteAllBytes(file, bytes);

        var run = await Run("validate", "LATEST", "--bundles", Bundles);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains($"{Path.Combine("out", "demo", "run-1", "reports/a.txt")}: error RG4001: SHA-256 is", run.Error, StringComparison.Ordinal);
        Assert.Contains("is not valid: 1 problem.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_and_extra_files_are_each_named()
    {
        var bundle = Commit("run-1", Start);
        File.Delete(Path.Combine(bundle.Directory, "results.json"));
        File.WriteAllText(Path.Combine(bundle.Directory, "extra.txt"), "x");

        var run = await Run("validate", "run-1", "--bundles", Bundles);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("results.json: error RG4002", run.Error, StringComparison.Ordinal);
        Assert.Contains("extra.txt: error RG4003", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uncommitted_bundle_given_by_path_exits_3()
    {
        Commit("run-1", Start, commit: false);

        var run = await Run("validate", "out/demo/run-1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error RG4005", run.Error, StringComparison.Ordinal);
        Assert.Contains("never committed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_without_any_committed_bundle_exits_3_with_RG4007()
    {
        Directory.CreateDirectory(Bundles);

        var run = await Run("validate", "--bundles", Bundles);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error RG4007", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_each_bundle_with_state_verdict_and_LATEST()
    {
        Commit("run-1", Start);
        Commit("run-2", Start.AddHours(1), commit: false);

        var run = await Run("list", "--bundles", Bundles);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^run-1\s+committed\s+2026-11-23 08:00:00Z\s+pass\s+LATEST$", lines[1]);
        Assert.Matches(@"^run-2\s+in_progress\s+-\s+pass$", lines[2]);
    }

    [Fact]
    public async Task Invalidate_without_a_reason_exits_2_and_writes_nothing()
    {
        Commit("run-1", Start);

        var run = await Run("invalidate", "run-1", "--bundles", Bundles);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--reason", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Bundles, "status.jsonl")));
    }

    [Fact]
    public async Task Invalidate_rolls_LATEST_back_and_validate_then_refuses_the_invalidated_bundle()
    {
        Commit("run-1", Start);
        Commit("run-2", Start.AddHours(1));

        var run = await Run("invalidate", "run-2", "--reason", "seed drift", "--by", "alice", "--bundles", Bundles);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("LATEST is now run-1", run.Out, StringComparison.Ordinal);
        Assert.Equal("run-1", File.ReadAllText(Path.Combine(Bundles, "LATEST")).Trim());
        Assert.Contains("\"by\":\"alice\"", File.ReadAllText(Path.Combine(Bundles, "status.jsonl")), StringComparison.Ordinal);

        var validate = await Run("validate", "run-2", "--bundles", Bundles);
        Assert.Equal(3, validate.ExitCode);
        Assert.Contains("error RG4009: run-2 was invalidated: seed drift", validate.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await Run("validate", "--bundles", Bundles)).ExitCode);
        Assert.Contains("invalidated: seed drift", (await Run("list", "--bundles", Bundles)).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json\n", "(1,3)")]
    [InlineData("[[[[[[[[\n", "(1,1)")]
    [InlineData("""{"run_id":"run-1","action":"invalidate","reason":"cu""", "(1,53)")]
    public async Task A_damaged_status_log_is_RG4032_at_its_line_for_validate_list_invalidate_and_promote(string log, string position)
    {
        Commit("run-1", Start);
        var status = Path.Combine(Bundles, "status.jsonl");
        File.WriteAllText(status, log);

        foreach (var args in (string[][])[["bundle", "validate"], ["bundle", "list"], ["bundle", "invalidate", "run-1", "--reason", "x"], ["promote"]])
        {
            var run = await RunGatesCli.RunAsync(_folder.Path, [.. args, "--bundles", Bundles]);

            Assert.True(run.ExitCode == 3, $"{string.Join(' ', args)}\n{run}");
            Assert.Contains($"out/demo/status.jsonl{position}: error RG4032: line 1 of status.jsonl", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }

        Assert.Equal(log, File.ReadAllText(status));
    }

    [Theory]
    [InlineData("reports/a.txt")]
    [InlineData("results.json")]
    [InlineData("artifact_index.json")]
    public async Task A_fifo_swapped_into_a_committed_bundle_is_RG4030_exit_3_and_never_blocks(string swapped)
    {
        var bundle = Commit("run-1", Start);
        var file = Path.Combine(bundle.Directory, swapped);
        File.Delete(file);
        Assert.Equal(0, ExternalTool.Run(Path.GetDirectoryName(file)!, "mkfifo", Path.GetFileName(file)).ExitCode);

        // Reading a FIFO with no writer waits for ever: the 30 s guard is the failure.
        var run = await Run("validate", "LATEST", "--bundles", Bundles).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains($"{swapped}: error RG4030: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("named pipe (FIFO), not a regular file", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_of_a_bundle_with_a_fifo_swapped_in_refuses_with_RG4030_and_never_blocks()
    {
        var bundle = Commit("run-1", Start);
        File.Delete(Path.Combine(bundle.Directory, "results.json"));
        Assert.Equal(0, ExternalTool.Run(bundle.Directory, "mkfifo", "results.json").ExitCode);

        var run = await RunGatesCli.RunAsync(_folder.Path, "promote", "--bundle", bundle.Directory).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("error RG4030: ", run.Error, StringComparison.Ordinal);
    }

        private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
