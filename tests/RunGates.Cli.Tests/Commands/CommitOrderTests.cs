using System.Text.Json;
using RunGates.Cli.Tests.TestSupport;
using RunGates.Core.Bundles;

namespace RunGates.Cli.Tests.Commands;

/// <summary>
/// The commit order seen from outside: names a runbook or step may not take, temporaries never inside a bundle,
/// planted files refused, and a run killed in the middle of its commit never reaching LATEST.
/// </summary>
public sealed class CommitOrderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Bundles => _folder["out/demo"];

    private string? Latest() => File.Exists(Path.Combine(Bundles, "LATEST")) ? File.ReadAllText(Path.Combine(Bundles, "LATEST")).Trim() : null;

    private void WriteRunbook(string step = "", string ledger = "ledger: { root: reports }", string promote = "promote: { requires: pass }")
    {
        _folder.Write("rungates.yml", $$"""
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
                    {{step}}
            gates:
              - { id: ok, file: reports/result.json, expect: { ok: true } }
            {{ledger}}
            {{promote}}
            """);
    }

    private Task<CliRun> Rungates(params string[] args) => RunGatesCli.RunAsync(_folder.Path, args);

    private Task<CliRun> Run() => Rungates("run", "--spec", _folder["rungates.yml"], "--quiet");

    [Theory]
    [InlineData("results.json")]
    [InlineData("artifact_index.json")]
    [InlineData("run.json")]
    [InlineData("./RUN.JSON")]
    [InlineData("status.jsonl")]
    [InlineData("LATEST")]
    [InlineData("logs/packet.json")]
    [InlineData("packet.json.rungates-tmp")]
    [InlineData("SHA256SUMS")]
    public async Task A_packet_named_like_a_file_RunGates_keeps_is_refused_at_load_and_nothing_is_written(string packet)
    {
        WriteRunbook(promote: $"promote: {{ requires: pass, packet: \"{packet}\" }}");

        var run = await Run();

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error RG1050: promote.packet: {packet} ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]));
    }

    [Theory]
    [InlineData("run.json")]
    [InlineData("artifact_index.json")]
    [InlineData("results.json")]
    public async Task A_ledger_named_like_a_file_RunGates_keeps_is_refused_at_load(string file)
    {
        WriteRunbook(ledger: $"ledger: {{ root: reports, file: {file} }}");

        var run = await Run();

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error RG1050: ledger.file: {file} is a file RunGates writes into every bundle itself", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]));
    }

    [Theory]
    [InlineData("artifact_index.json")]
    [InlineData("results.json")]
    [InlineData("SHA256SUMS")]
    [InlineData("promotion_packet.json")]
    public async Task A_step_writing_a_file_RunGates_writes_fails_and_leaves_the_bundle_uncommitted_and_untouched(string file)
    {
        var content = """{ "version": 1, "run_id": "run", "committed_at": "2026-11-23T08:00:00Z", "files": [] }""";
        WriteRunbook(step: $"printf '%s' '{content}' > \"$RUNGATES_RUN_DIR/{file}\"");

        var run = await Run();

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains($"error RG4022: {file} in bundle run was written by someone other than RunGates", run.Error, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(Path.Combine(Bundles, "run", file)));
        Assert.Null(Latest());
        var list = await Rungates("bundle", "list", "--bundles", Bundles);
        Assert.Matches(@"(?m)^run\s+in_progress\s", list.Out);
        var validate = await Rungates("bundle", "validate", "run", "--bundles", Bundles);
        Assert.Equal(3, validate.ExitCode);
    }

    [Fact]
    public async Task A_step_rewriting_run_json_fails_and_its_bytes_stay()
    {
        WriteRunbook(step: """printf '{ "state": "committed" }' > "$RUNGATES_RUN_DIR/run.json" """);

        var run = await Run();

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("error RG4022: run.json in bundle run", run.Error, StringComparison.Ordinal);
        Assert.Equal("""{ "state": "committed" }""", File.ReadAllText(Path.Combine(Bundles, "run", "run.json")));
        Assert.Null(Latest());
        Assert.Equal("in_progress", new BundleStore(Bundles).List().Single().State);
    }

    [Fact]
    public async Task A_committed_run_leaves_no_temporary_file_in_its_bundle_and_a_packet_of_its_own_name_validates()
    {
        WriteRunbook(promote: "promote: { requires: pass, packet: release/packet.json }");

        var run = await Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        var bundle = Path.Combine(Bundles, "run");
        Assert.True(File.Exists(Path.Combine(bundle, "release", "packet.json")));
        Assert.Empty(Directory.EnumerateFiles(bundle, "*tmp*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Bundles, ".rungates-tmp")));
        using var runJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "run.json")));
        Assert.Equal("committed", runJson.RootElement.GetProperty("state").GetString());
        var validate = await Rungates("bundle", "validate", "--bundles", Bundles);
        Assert.True(validate.ExitCode == 0, validate.ToString());
    }

    [Theory]
    [InlineData("late.rungates-tmp")]
    [InlineData(".promotion_packet.json.5b1e.tmp")]
    public async Task A_file_planted_in_a_committed_bundle_fails_validate_and_promote(string planted)
    {
        WriteRunbook();
        Assert.Equal(0, (await Run()).ExitCode);
        File.WriteAllText(Path.Combine(Bundles, "run", planted), "{}");

        var validate = await Rungates("bundle", "validate", "--bundles", Bundles);
        var promote = await Rungates("promote", "--spec", _folder["rungates.yml"], "--require-promotable");

        Assert.Equal(3, validate.ExitCode);
        Assert.Contains($"{planted}: error RG4003", validate.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, promote.ExitCode);
        Assert.Contains("RG4003", promote.Error + promote.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_killed_while_its_commit_waits_for_the_lock_never_becomes_LATEST()
    {
        WriteRunbook();
        Assert.Equal(0, (await Run()).ExitCode);
        Assert.Equal("run", Latest());
        var lockPath = Path.Combine(Bundles, ".rungates-lock");

        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var process = RunGatesCli.Start(_folder.Path, null, "run", "--spec", _folder["rungates.yml"], "--quiet");
            var runJson = Path.Combine(Bundles, "run-2", "run.json");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!SaysCommitted(runJson) && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }

            // run.json holds its final state and the run is blocked before the index: kill it there.
            Assert.True(SaysCommitted(runJson) && !process.HasExited, "the run should be blocked on the lock with run.json final");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Equal("run", Latest());
        var list = await Rungates("bundle", "list", "--bundles", Bundles);
        Assert.Matches(@"(?m)^run-2\s+in_progress\s", list.Out);
        var validate = await Rungates("bundle", "validate", "run-2", "--bundles", Bundles);
        Assert.Equal(3, validate.ExitCode);
        Assert.Contains("error RG4005", validate.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Bundles, "run-2"), "*tmp*", SearchOption.AllDirectories));

        // The next commit recomputes LATEST from the folder and passes over the killed run.
        Assert.Equal(0, (await Run()).ExitCode);
        Assert.Equal("run-3", Latest());
    }

    private static bool SaysCommitted(string runJson)
    {
        try
        {
            return File.Exists(runJson) && File.ReadAllText(runJson).Contains("\"committed\"", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            // Still being created by the run, which holds it exclusively for that moment.
            return false;
        }
    }
}
