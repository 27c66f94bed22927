using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Tests.Bundles;

namespace RunGates.Core.Tests.Checks;

public sealed class ReproducibleCheckTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Bundles => _tree["out"];

    private void CommitReference()
    {
        var bundle = RunBundle.Open(Bundles, "ref", BundleTestData.Manifest("ref"));
        bundle.WriteFile("reports/a.json", "{ \"x\": 1 }");
        bundle.WriteFile("reports/b.json", "{ \"y\": 2 }");
        bundle.WriteFile("reports/run.log", "took 3s");
        bundle.WriteFile("logs/produce.log", "run 1");
        bundle.WriteFile("SHA256SUMS", "old ledger");
        bundle.Commit(TimeProvider.System);
    }

    /// <summary>This run's bundle, holding <paramref name="files"/> and the bookkeeping every run writes.</summary>
    private Task<CheckEvaluation> EvaluateCurrent(Dictionary<string, string> files, string against = "LATEST", string[]? ignore = null)
    {
        var current = RunBundle.Open(Bundles, "now", BundleTestData.Manifest("now"));
        current.WriteFile("logs/produce.log", "run 2, different");
        foreach (var (path, text) in files)
        {
            current.WriteFile(path, text);
        }

        var check = new ReproducibleCheck { Id = "reproducible", Phase = Phase.Gates, Position = IntegrityCheckContext.Line(9), Against = against, Ignore = ignore ?? ["**/*.log"] };
        return check.EvaluateAsync(IntegrityCheckContext.Create(_tree.Path, current.Directory, Bundles, current.Directory), CancellationToken.None).AsTask();
    }

    [Fact]
    public async Task Same_evidence_passes_apart_from_ignored_and_bookkeeping_files()
    {
        CommitReference();

        var result = await EvaluateCurrent(new() { ["reports/a.json"] = "{ \"x\": 1 }", ["reports/b.json"] = "{ \"y\": 2 }", ["reports/run.log"] = "took 9s" });

        Assert.True(result.Outcome == Outcome.Passed, string.Join('\n', result.Findings.Select(f => f.Message)));
        Assert.Equal("2 files hash the same as in ref", result.Message);
    }

    [Fact]
    public async Task Each_changed_added_and_removed_file_is_reported()
    {
        CommitReference();

        var result = await EvaluateCurrent(new() { ["reports/a.json"] = "{ \"x\": 99 }", ["reports/c.json"] = "{}" });

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(3, result.Findings.Count);
        Assert.Contains(result.Findings, f => f.Message.StartsWith("reports/a.json: SHA-256 is", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Message == "reports/c.json: added, not in ref");
        Assert.Contains(result.Findings, f => f.Message == "reports/b.json: removed, present in ref");
    }

    [Fact]
    public async Task Without_an_earlier_committed_bundle_the_check_is_missing()
    {
        var result = await EvaluateCurrent(new() { ["reports/a.json"] = "{}" });

        Assert.Equal(Outcome.Missing, result.Outcome);
        Assert.Contains("no earlier committed bundle", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_path_can_be_the_reference()
    {
        CommitReference();
        File.Delete(Path.Combine(Bundles, "LATEST"));

        var result = await EvaluateCurrent(new() { ["reports/a.json"] = "{ \"x\": 1 }", ["reports/b.json"] = "{ \"y\": 2 }" }, against: "out/ref");

        Assert.Equal(Outcome.Passed, result.Outcome);
    }
}
