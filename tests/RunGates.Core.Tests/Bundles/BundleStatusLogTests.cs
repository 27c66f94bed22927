using RunGates.Core.Bundles;
using RunGates.Core.Evidence;
using RunGates.Core.Promotion;

namespace RunGates.Core.Tests.Bundles;

/// <summary>status.jsonl is read strictly: a line that cannot be read is RG4032 at its line, never "no invalidations".</summary>
public sealed class BundleStatusLogTests : IDisposable
{
    private const string Invalidation = """{"run_id":"run-1","action":"invalidate","reason":"wrong seed","by":"alice","at":"2026-11-23T09:00:00+00:00"}""";

    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Bundles => _tree["out"];

    private string StatusPath => Path.Combine(Bundles, "status.jsonl");

    [Theory]
    [InlineData("{ not json\n", 1, 3)]
    [InlineData(Invalidation + "\n{ not json\n", 2, 3)]
    [InlineData(Invalidation + "\n[1]\n", 2, 1)]
    [InlineData(Invalidation + "\n  \"invalidate\"\n", 2, 3)]
    [InlineData("{}\n", 1, 1)]
    [InlineData("""{"run_id":"run-1"}""" + "\n", 1, 1)]
    [InlineData("""{"run_id":"run-1","action":"invalidate","run_id":"run-2"}""" + "\n", 1, 50)]
    [InlineData(Invalidation + "\n" + """{"run_id":"run-1","action":"inval""", 2, 34)]
    public void A_line_that_is_no_status_entry_is_RG4032_at_its_line_and_column(string log, int line, int column)
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        File.WriteAllText(StatusPath, log);

        var e = Assert.Throws<BundleException>(() => new BundleStore(Bundles).FindInvalidation("run-1"));

        Assert.Equal("RG4032", e.Diagnostic.Code);
        Assert.Equal(StatusPath, e.File);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains($"line {line} of status.jsonl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_100k_deep_is_refused_at_once_without_recursion()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        File.WriteAllText(StatusPath, Invalidation + "\n" + new string('[', 100_000) + "\n");

        var e = Assert.Throws<BundleException>(() => new BundleStore(Bundles).ReadStatus());

        Assert.Equal(("RG4032", 2), (e.Diagnostic.Code, e.Line));
    }

    [Fact]
    public void A_line_over_1_MiB_is_refused_without_reading_on()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        File.WriteAllText(StatusPath, Invalidation + "\n" + new string(' ', (1 << 20) + 1) + "x\n");

        var e = Assert.Throws<BundleException>(() => new BundleStore(Bundles).ReadStatus());

        Assert.Equal(("RG4032", 2), (e.Diagnostic.Code, e.Line));
        Assert.Contains("1 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_lines_and_a_whole_last_entry_without_its_newline_are_read()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        File.WriteAllText(StatusPath, "\n  \r\n" + Invalidation);

        var entry = new BundleStore(Bundles).FindInvalidation("run-1");

        Assert.Equal("wrong seed", entry?.Reason);
    }

    [Fact]
    public void A_status_log_that_is_a_fifo_is_refused_without_blocking()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        Assert.Equal(0, ExternalTool.Run(Bundles, "mkfifo", StatusPath).ExitCode);

        var e = Assert.Throws<BundleException>(() => new BundleStore(Bundles).ReadStatus());

        Assert.Equal("RG4032", e.Diagnostic.Code);
        Assert.Contains("named pipe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_LATEST_that_is_a_fifo_is_RG4030_naming_it()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        var latest = Path.Combine(Bundles, "LATEST");
        File.Delete(latest);
        Assert.Equal(0, ExternalTool.Run(Bundles, "mkfifo", latest).ExitCode);

        var e = Assert.Throws<BundleException>(() => new BundleStore(Bundles).Resolve("LATEST"));

        Assert.Equal(("RG4030", latest), (e.Diagnostic.Code, e.File));
    }

    [Fact]
    public void Invalidate_refuses_a_damaged_log_and_appends_nothing()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        BundleTestData.Commit(Bundles, "run-2", BundleTestData.Start.AddHours(1));
        File.WriteAllText(StatusPath, "garbage\n");
        var store = new BundleStore(Bundles);

        var e = Assert.Throws<BundleException>(() => store.Invalidate("run-2", "bad", "alice", BundleTestData.Start.AddHours(2)));

        Assert.Equal("RG4032", e.Diagnostic.Code);
        Assert.Equal("garbage\n", File.ReadAllText(StatusPath));
        Assert.Equal("run-2\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
    }

    [Fact]
    public void A_commit_beside_a_damaged_log_is_refused_before_its_index()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        File.WriteAllText(StatusPath, """{"run_id":"run-1","action":"invalidate","reason":"cut""");
        var bundle = RunBundle.Open(Bundles, "run-2", BundleTestData.Manifest("run-2"));

        var e = Assert.Throws<BundleException>(() => bundle.Commit(TimeProvider.System));

        Assert.Equal("RG4032", e.Diagnostic.Code);
        Assert.False(File.Exists(Path.Combine(bundle.Directory, "artifact_index.json")));
        Assert.Equal("run-1\n", File.ReadAllText(Path.Combine(Bundles, "LATEST")));
    }

    [Theory]
    [InlineData("LATEST")]
    [InlineData("run-1")]
    public void A_bundle_reference_beside_a_damaged_log_is_refused_naming_it(string id)
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        File.WriteAllText(StatusPath, "{ not json\n");

        var opened = new ReferenceBundles().Open(Bundles, id);

        Assert.Null(opened.Directory);
        Assert.False(opened.None);
        Assert.Contains($"{StatusPath}(1,3): RG4032:", opened.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Promotion_review_lists_a_damaged_log_as_an_integrity_problem()
    {
        var bundle = BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        File.WriteAllText(StatusPath, "{ not json\n");

        var review = BundlePromoter.Review(new BundleStore(Bundles), bundle.Directory);

        var problem = Assert.Single(review.Problems, p => p.Diagnostic.Code == "RG4032");
        Assert.Equal((StatusPath, 1, 3), (problem.Path, problem.Line, problem.Column));
        Assert.StartsWith(StatusPath + "(1,3): error RG4032: ", problem.ToString(), StringComparison.Ordinal);
        Assert.False(review.Promotable);
    }
}
