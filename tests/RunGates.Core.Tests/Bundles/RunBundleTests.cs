using System.Collections.Concurrent;
using System.Text.Json;
using RunGates.Core.Bundles;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Bundles;

public sealed class RunBundleTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Bundles => _tree["out/demo"];

    [Fact]
    public void Open_creates_the_folder_with_run_json_in_progress_and_snake_case_keys()
    {
        var bundle = RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest() with { State = RunManifest.Committed });

        Assert.Equal(Path.Combine(Bundles, "run-1"), bundle.Directory);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle.Directory, "run.json")));
        var root = json.RootElement;
        Assert.Equal(
            ["run_id", "runbook", "spec_digest", "seed", "git_sha", "git_dirty", "tools", "env", "host", "started_at", "finished_at", "committed_at", "state", "verifier"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("in_progress", root.GetProperty("state").GetString());
        Assert.Equal("0.1.0", root.GetProperty("verifier").GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("env").GetProperty("UNSET").ValueKind);
        var read = RunManifestJson.Deserialize(File.ReadAllText(Path.Combine(bundle.Directory, "run.json")));
        var expected = BundleTestData.Manifest();
        Assert.Equal(expected with { Tools = read.Tools, Env = read.Env }, read);
        Assert.Equal(expected.Tools, read.Tools);
        Assert.Equal(expected.Env, read.Env);
    }

    [Fact]
    public void Opening_an_existing_id_gets_a_suffixed_folder_and_run_id()
    {
        RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest());

        var second = RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest());
        var third = RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest());

        Assert.Equal(["run-1-2", "run-1-3"], [second.RunId, third.RunId]);
        Assert.Equal("run-1-3", RunManifestJson.Deserialize(File.ReadAllText(Path.Combine(third.Directory, "run.json"))).RunId);
    }

    [Fact]
    public void Many_threads_opening_the_same_id_at_once_get_distinct_folders()
    {
        const int threads = 24;
        using var start = new Barrier(threads);
        var ids = new ConcurrentBag<string>();

        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            ids.Add(RunBundle.Open(Bundles, "same", BundleTestData.Manifest()).RunId);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Equal(threads, ids.Distinct().Count());
        Assert.Equal(threads, Directory.GetDirectories(Bundles).Length);
        Assert.All(Directory.GetDirectories(Bundles), d => Assert.Equal(Path.GetFileName(d), RunManifestJson.Deserialize(File.ReadAllText(Path.Combine(d, "run.json"))).RunId));
    }

    [Fact]
    public void Run_ids_that_are_not_one_folder_name_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RunBundle.Open(Bundles, "../escape", BundleTestData.Manifest()));
        Assert.Throws<ArgumentException>(() => RunBundle.Open(Bundles, "LATEST", BundleTestData.Manifest()));
        Assert.False(Directory.Exists(_tree["out/escape"]));
    }

    [Fact]
    public void Write_file_creates_folders_and_stays_inside_the_bundle()
    {
        var bundle = RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest());

        bundle.WriteFile("logs/deep/step.log", "hello");

        Assert.Equal("hello", File.ReadAllText(Path.Combine(bundle.Directory, "logs/deep/step.log")));
        Assert.Throws<ArgumentException>(() => bundle.WriteFile("../outside.txt", "x"));
        Assert.Throws<ArgumentException>(() => bundle.WriteFile("/tmp/abs.txt", "x"));
        Assert.Throws<ArgumentException>(() => bundle.WriteFile("artifact_index.json", "{}"));
    }

    [Fact]
    public void Commit_indexes_every_file_but_itself_then_moves_LATEST_and_returns_the_index_digest()
    {
        var bundle = RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest());
        bundle.WriteFile("reports/a.txt", "alpha\n");
        bundle.WriteFile("logs/produce.log", "ok\n");
        bundle.UpdateManifest(BundleTestData.Manifest() with { State = RunManifest.Committed });

        var digest = bundle.Commit(new BundleTestData.FixedTime(BundleTestData.Start.AddMinutes(5)));

        var index = Path.Combine(bundle.Directory, "artifact_index.json");
        Assert.Equal(ExternalTool.Run(bundle.Directory, "sha256sum", "artifact_index.json").Out.Split(' ')[0], digest);
        using var json = JsonDocument.Parse(File.ReadAllText(index));
        Assert.Equal(["logs/produce.log", "reports/a.txt", "run.json"], json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var reportEntry = json.RootElement.GetProperty("files")[1];
        Assert.Equal(["path", "size", "sha256"], reportEntry.EnumerateObject().Select(p => p.Name));
        Assert.Equal(6, reportEntry.GetProperty("size").GetInt64());
        Assert.Equal(ExternalTool.Run(bundle.Directory, "sha256sum", "reports/a.txt").Out.Split(' ')[0], reportEntry.GetProperty("sha256").GetString());
        Assert.Equal("run-1\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
        Assert.Equal("committed", RunManifestJson.Deserialize(File.ReadAllText(Path.Combine(bundle.Directory, "run.json"))).State);
        Assert.Empty(Directory.GetFiles(_tree.Path, "*.rungates-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Nothing_may_be_written_after_commit()
    {
        var bundle = RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest());
        bundle.Commit(TimeProvider.System);

        var e = Assert.Throws<InvalidOperationException>(() => bundle.WriteFile("late.txt", "x"));
        Assert.Throws<InvalidOperationException>(() => bundle.UpdateManifest(BundleTestData.Manifest()));
        Assert.Throws<InvalidOperationException>(() => bundle.Commit(TimeProvider.System));
        Assert.Contains("immutable", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(bundle.Directory, "late.txt")));
    }

    [Fact]
    public void A_file_someone_else_wrote_is_never_overwritten_and_blocks_the_commit()
    {
        var bundle = RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest());
        File.WriteAllText(Path.Combine(bundle.Directory, "results.json"), "a step's own results");

        var write = Assert.Throws<BundleException>(() => bundle.WriteFile("results.json", "{}"));
        var commit = Assert.Throws<BundleException>(() => bundle.Commit(TimeProvider.System, BundleTestData.Manifest(), "results.json", _ => "{}"));
        File.WriteAllText(Path.Combine(bundle.Directory, "artifact_index.json"), "{}");
        var foreign = bundle.ForeignFiles(["results.json", "SHA256SUMS"]);
        var indexed = Assert.Throws<BundleException>(() => bundle.Commit(TimeProvider.System));

        Assert.Equal(("RG4022", "RG1050", "RG4022"), (write.Diagnostic.Code, commit.Diagnostic.Code, indexed.Diagnostic.Code));
        Assert.Equal(["artifact_index.json", "results.json"], foreign);
        Assert.Equal("a step's own results", File.ReadAllText(Path.Combine(bundle.Directory, "results.json")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(bundle.Directory, "artifact_index.json")));
        Assert.Equal("in_progress", RunManifestJson.Deserialize(File.ReadAllText(Path.Combine(bundle.Directory, "run.json"))).State);
        Assert.False(File.Exists(Path.Combine(Bundles, "LATEST")));
    }

    [Fact]
    public void A_changed_run_json_is_never_overwritten()
    {
        var bundle = RunBundle.Open(Bundles, "run-1", BundleTestData.Manifest());
        File.WriteAllText(Path.Combine(bundle.Directory, "run.json"), """{ "state": "committed" }""");

        Assert.Equal("RG4022", Assert.Throws<BundleException>(() => bundle.UpdateManifest(BundleTestData.Manifest())).Diagnostic.Code);
        Assert.Equal("RG4022", Assert.Throws<BundleException>(() => bundle.Commit(TimeProvider.System)).Diagnostic.Code);
        Assert.Equal("""{ "state": "committed" }""", File.ReadAllText(Path.Combine(bundle.Directory, "run.json")));
        Assert.False(File.Exists(Path.Combine(bundle.Directory, "artifact_index.json")));
    }
}
