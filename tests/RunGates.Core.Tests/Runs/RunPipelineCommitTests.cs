using RunGates.Core.Bundles;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Runs;

/// <summary>
/// The commit stopped at each of its points, as a crash would stop it: LATEST never names an uncommitted or invalid
/// bundle, no unfinished file is ever inside a bundle, and list and validate say what the bundle is.
/// </summary>
public sealed class RunPipelineCommitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Bundles => _folder["out/demo"];

    private sealed class SimulatedCrash : Exception;

    private Runbook Load(string packet = "promotion_packet.json")
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
            gates:
              - { id: ok, file: reports/result.json, expect: { ok: true } }
            ledger: { root: reports }
            promote: { requires: pass, packet: {{packet}} }
            """);
        return new RunbookLoader(new Dictionary<string, string>()).Load(_folder["rungates.yml"]);
    }

    private async Task<string> Run(Runbook runbook, CommitPoint? crashAt = null)
    {
        string? directory = null;
        var options = new RunOptions
        {
            Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
            CommitObserver = point =>
            {
                if (point == crashAt)
                {
                    throw new SimulatedCrash();
                }
            },
        };
        try
        {
            directory = (await new RunPipeline(runbook, options).RunAsync(CancellationToken.None)).BundleDirectory!;
        }
        catch (SimulatedCrash)
        {
            // The bundle is the newest folder; the crash left it as it was at that point.
            directory = Directory.EnumerateDirectories(Bundles).Where(d => !Path.GetFileName(d).StartsWith('.')).OrderBy(d => Directory.GetCreationTimeUtc(d)).ThenBy(d => d, StringComparer.Ordinal).Last();
        }

        return directory;
    }

    private string? Latest() => File.Exists(Path.Combine(Bundles, "LATEST")) ? File.ReadAllText(Path.Combine(Bundles, "LATEST")).Trim() : null;

    private void AssertNoUnfinishedFileInAnyBundle()
    {
        foreach (var bundle in Directory.EnumerateDirectories(Bundles).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            Assert.Empty(Directory.EnumerateFiles(bundle, "*tmp*", SearchOption.AllDirectories));
        }
    }

    [Theory]
    [InlineData(CommitPoint.ManifestWritten, "RG4005")]
    [InlineData(CommitPoint.IndexWritten, "RG4021")]
    public async Task A_crash_before_the_packet_leaves_an_uncommitted_bundle_that_LATEST_never_names(CommitPoint crashAt, string code)
    {
        var runbook = Load();
        var first = Path.GetFileName(await Run(runbook));

        var crashed = await Run(runbook, crashAt);

        Assert.Equal(first, Latest());
        var summary = new BundleStore(Bundles).List().Single(b => b.Directory == crashed);
        Assert.Equal(("in_progress", (DateTimeOffset?)null), (summary.State, summary.CommittedAt));
        var validation = BundleValidator.Validate(crashed);
        Assert.False(validation.Succeeded);
        Assert.Equal(code, Assert.Single(validation.Problems).Diagnostic.Code);
        AssertNoUnfinishedFileInAnyBundle();

        // A later state change recomputes LATEST from the whole folder, and still passes over the crashed bundle.
        var third = Path.GetFileName(await Run(runbook));
        Assert.Equal(third, Latest());
        new BundleStore(Bundles).Invalidate(third, "bad", "test", DateTimeOffset.UtcNow);
        Assert.Equal(first, Latest());
        Assert.Equal("RG4023", Assert.Throws<BundleException>(() => new BundleStore(Bundles).Invalidate(Path.GetFileName(crashed), "why", "test", DateTimeOffset.UtcNow)).Diagnostic.Code);
    }

    [Fact]
    public async Task A_crash_after_the_packet_leaves_a_committed_bundle_that_the_next_state_change_makes_LATEST()
    {
        var runbook = Load();
        var first = Path.GetFileName(await Run(runbook));

        var crashed = await Run(runbook, CommitPoint.PacketWritten);

        // LATEST still names the earlier bundle, which is committed and valid: never one that is not.
        Assert.Equal(first, Latest());
        Assert.Equal("committed", new BundleStore(Bundles).List().Single(b => b.Directory == crashed).State);
        Assert.True(BundleValidator.Validate(crashed).Succeeded);
        AssertNoUnfinishedFileInAnyBundle();
        var older = RunBundle.Open(Bundles, "older", new RunManifest { RunId = "older", Runbook = "demo", SpecDigest = "d", Host = "h", StartedAt = DateTimeOffset.UnixEpoch, Verifier = ToolIdentity.Current });
        older.Commit(new FixedTime(DateTimeOffset.UnixEpoch));
        Assert.Equal(Path.GetFileName(crashed), Latest());
    }

    [Fact]
    public async Task Passing_every_point_commits_and_moves_LATEST_last()
    {
        var runbook = Load();
        var seen = new List<(CommitPoint Point, string? Latest, bool Indexed, bool Packet)>();
        var options = new RunOptions
        {
            Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
            CommitObserver = point => seen.Add((point, Latest(), File.Exists(Path.Combine(Bundles, "run", "artifact_index.json")), File.Exists(Path.Combine(Bundles, "run", "promotion_packet.json")))),
        };

        var result = await new RunPipeline(runbook, options).RunAsync(CancellationToken.None);

        Assert.Equal(
            [(CommitPoint.ManifestWritten, null, false, false), (CommitPoint.IndexWritten, null, true, false), (CommitPoint.PacketWritten, null, true, true), (CommitPoint.LatestMoved, "run", true, true)],
            seen);
        Assert.True(BundleValidator.Validate(result.BundleDirectory!).Succeeded);
    }

    [Fact]
    public async Task A_packet_of_another_name_is_named_by_the_index_and_validates()
    {
        var result = await Run(Load(packet: "release/packet.json"));

        Assert.True(File.Exists(Path.Combine(result, "release", "packet.json")));
        var validation = BundleValidator.Validate(result);
        Assert.True(validation.Succeeded, string.Join('\n', validation.Problems));
        Assert.Equal("release/packet.json", validation.Index!.Packet);
        Assert.Equal("run", Latest());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
