using RunGates.Core.Bundles;

namespace RunGates.Core.Tests.Bundles;

public sealed class BundleStoreTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Bundles => _tree["out"];

    private static string Digests(string directory) =>
        ExternalTool.Run(directory, "sh", "-c", "find . -type f -print0 | sort -z | xargs -0 sha256sum").Out;

    [Fact]
    public void List_shows_id_state_commit_time_verdict_and_latest()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start, verdict: "reject");
        RunBundle.Open(Bundles, "run-2", BundleTestData.Manifest("run-2"));

        var list = new BundleStore(Bundles).List();

        Assert.Equal(2, list.Count);
        Assert.Equal(("run-1", "committed", (DateTimeOffset?)BundleTestData.Start, "reject", true), (list[0].RunId, list[0].State, list[0].CommittedAt, list[0].Verdict, list[0].IsLatest));
        Assert.Equal(("run-2", "in_progress", (DateTimeOffset?)null, (string?)null, false), (list[1].RunId, list[1].State, list[1].CommittedAt, list[1].Verdict, list[1].IsLatest));
    }

    [Fact]
    public void Resolve_finds_LATEST_an_id_or_a_path_and_names_what_is_missing()
    {
        var store = new BundleStore(Bundles);
        Assert.Equal("RG4007", Assert.Throws<BundleException>(() => store.Resolve("LATEST")).Diagnostic.Code);
        var bundle = BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);

        Assert.Equal(bundle.Directory, store.Resolve(null));
        Assert.Equal(bundle.Directory, store.Resolve("run-1"));
        Assert.Equal(bundle.Directory, store.Resolve("out/run-1", _tree.Path));
        Assert.Contains("'nope'", Assert.Throws<BundleException>(() => store.Resolve("nope")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalidate_appends_a_status_line_and_rolls_LATEST_back_to_the_newest_valid_bundle()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        var tampered = BundleTestData.Commit(Bundles, "run-2", BundleTestData.Start.AddHours(1));
        var newest = BundleTestData.Commit(Bundles, "run-3", BundleTestData.Start.AddHours(2));
        File.AppendAllText(Path.Combine(tampered.Directory, "reports/a.txt"), "tampered");
        var before = Digests(newest.Directory);
        var store = new BundleStore(Bundles);

        var latest = store.Invalidate("run-3", "wrong seed", "alice", BundleTestData.Start.AddHours(3));

        Assert.Equal("run-1", latest);
        Assert.Equal("run-1\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
        Assert.Equal(before, Digests(newest.Directory));
        var entry = Assert.Single(store.ReadStatus());
        Assert.Equal(new BundleStatusEntry("run-3", "invalidate", "wrong seed", "alice", BundleTestData.Start.AddHours(3)), entry);
        Assert.True(store.List().Single(b => b.RunId == "run-3").Invalidated);
    }

    [Fact]
    public void Status_is_append_only_and_invalidating_the_last_bundle_removes_LATEST()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        BundleTestData.Commit(Bundles, "run-2", BundleTestData.Start.AddHours(1));
        var store = new BundleStore(Bundles);

        store.Invalidate("run-2", "first", "alice", BundleTestData.Start);
        var firstLine = File.ReadAllText(Path.Combine(Bundles, "status.jsonl"));
        var latest = store.Invalidate("run-1", "second", "bob", BundleTestData.Start);

        Assert.Null(latest);
        Assert.False(File.Exists(Path.Combine(Bundles, "LATEST")));
        var status = File.ReadAllText(Path.Combine(Bundles, "status.jsonl"));
        Assert.StartsWith(firstLine, status, StringComparison.Ordinal);
        Assert.Equal(2, status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"run_id\":\"run-2\"", firstLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalidating_an_unknown_run_is_RG4007_and_writes_nothing()
    {
        var store = new BundleStore(Bundles);
        Directory.CreateDirectory(Bundles);

        Assert.Equal("RG4007", Assert.Throws<BundleException>(() => store.Invalidate("ghost", "why", "me", BundleTestData.Start)).Diagnostic.Code);
        Assert.False(File.Exists(Path.Combine(Bundles, "status.jsonl")));
    }

    [Fact]
    public void A_lock_held_past_the_timeout_is_RG4020_and_nothing_is_recorded()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        BundleTestData.Commit(Bundles, "run-2", BundleTestData.Start.AddHours(1));
        using var held = new FileStream(Path.Combine(Bundles, ".rungates-lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var store = new BundleStore(Bundles, TimeSpan.FromMilliseconds(300));

        var e = Assert.Throws<BundleException>(() => store.Invalidate("run-2", "why", "me", BundleTestData.Start));

        Assert.Equal("RG4020", e.Diagnostic.Code);
        Assert.Contains(".rungates-lock within 0.3 s", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Bundles, "status.jsonl")));
        Assert.Equal("run-2\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
    }

    [Fact]
    public void Invalidating_an_uncommitted_bundle_is_RG4023_and_writes_nothing()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        RunBundle.Open(Bundles, "run-2", BundleTestData.Manifest("run-2"));
        var store = new BundleStore(Bundles);

        var e = Assert.Throws<BundleException>(() => store.Invalidate("run-2", "why", "me", BundleTestData.Start));

        Assert.Equal("RG4023", e.Diagnostic.Code);
        Assert.Contains("artifact_index.json: expected artifact_index.json", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Bundles, "status.jsonl")));
    }

    [Fact]
    public void LATEST_is_the_greatest_commit_time_then_the_greatest_run_id_whatever_the_commit_order()
    {
        BundleTestData.Commit(Bundles, "b", BundleTestData.Start.AddHours(2));
        BundleTestData.Commit(Bundles, "c", BundleTestData.Start.AddHours(1));
        Assert.Equal("b\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
        BundleTestData.Commit(Bundles, "a", BundleTestData.Start.AddHours(2));
        Assert.Equal("b\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
        BundleTestData.Commit(Bundles, "d", BundleTestData.Start.AddHours(2));

        Assert.Equal("d\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Bundles, ".rungates-tmp")));
    }

    [Fact]
    public void A_tampered_bundle_is_passed_over_when_LATEST_moves()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        var tampered = BundleTestData.Commit(Bundles, "run-2", BundleTestData.Start.AddHours(1));
        File.AppendAllText(Path.Combine(tampered.Directory, "reports/a.txt"), "x");

        BundleTestData.Commit(Bundles, "run-0", BundleTestData.Start.AddMinutes(-5));

        Assert.Equal("run-1\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
    }
}
