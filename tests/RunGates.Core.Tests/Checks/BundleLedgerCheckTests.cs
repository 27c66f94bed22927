using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Checks;

/// <summary>
/// <c>ledger: { file: bundle:LATEST/SHA256SUMS, include, if-none: pass }</c> across real runs: each run is the real
/// pipeline over a temporary runbook, committing a real bundle whose SHA256SUMS the next run reads back.
/// </summary>
public sealed class BundleLedgerCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Bundles => _folder["out"];

    private Runbook Load(string ledger = "{ file: bundle:LATEST/SHA256SUMS, include: [\"records/**\"], if-none: pass }", string waivers = "")
    {
        _folder.Write("rungates.yml", $"""
            version: 1
            name: immutable
            run:
              bundles: out
              id: run
              evidence: evidence
            gates:
              - id: records-immutable
                ledger: {ledger}
            ledger: {"{"} file: SHA256SUMS {"}"}
            {waivers}
            """);
        return new RunbookLoader(new Dictionary<string, string>()).Load(_folder["rungates.yml"]);
    }

    private void Record(string name, string text) => _folder.Write(Path.Combine("evidence", name), text);

    private async Task<(CheckResult Check, RunResult Run)> Run(Runbook? runbook = null)
    {
        var options = new RunOptions { Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" } };
        var result = await new RunPipeline(runbook ?? Load(), options).RunAsync(CancellationToken.None);
        return (result.Checks.Single(c => c.Id == "records-immutable"), result);
    }

    private static string Describe(CheckResult check) => check.Message + "\n" + string.Join("\n", check.Findings.Select(f => $"{f.Position}: {f.Message}"));

    private void FirstHandoff()
    {
        Record("records/a.yaml", "value: 1\n");
        Record("records/b.yaml", "value: 2\n");
        Record("handoff.yml", "eligible: [a, b]\n");
    }

    [Fact]
    public async Task A_first_run_holds_and_says_why()
    {
        FirstHandoff();

        var (check, _) = await Run();

        Assert.True(check.Outcome == Outcome.Passed, Describe(check));
        Assert.Contains("no run was ever committed", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_if_none_a_first_run_fails()
    {
        FirstHandoff();

        var (check, _) = await Run(Load("{ file: bundle:LATEST/SHA256SUMS }"));

        Assert.Equal(Outcome.Failed, check.Outcome);
        Assert.Contains("expected a committed, valid earlier bundle", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unchanged_records_hold_against_the_previous_run_named_by_id()
    {
        FirstHandoff();
        var (_, first) = await Run();

        var (check, _) = await Run();

        Assert.True(check.Outcome == Outcome.Passed, Describe(check));
        Assert.Equal($"2 files match bundle:LATEST/SHA256SUMS (run {first.Manifest.RunId})", check.Message);
    }

    [Fact]
    public async Task An_edited_record_fails_at_the_earlier_ledger_line_naming_the_run()
    {
        FirstHandoff();
        var (_, first) = await Run();
        Record("records/b.yaml", "value: 3\n");

        var (check, _) = await Run();

        Assert.Equal(Outcome.Failed, check.Outcome);
        var finding = Assert.Single(check.Findings);
        Assert.StartsWith("records/b.yaml: SHA-256 is", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"(SHA256SUMS of run {first.Manifest.RunId} line 3) (RG4001)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(first.BundleDirectory!, "SHA256SUMS"), finding.Position!.File);
        Assert.Equal(3, finding.Position.Line);
    }

    [Fact]
    public async Task A_deleted_record_fails()
    {
        FirstHandoff();
        await Run();
        File.Delete(_folder["evidence/records/a.yaml"]);

        var (check, _) = await Run();

        Assert.Equal(Outcome.Failed, check.Outcome);
        Assert.Contains("records/a.yaml: expected a file with SHA-256", Assert.Single(check.Findings).Message, StringComparison.Ordinal);
        Assert.Contains("(RG4002)", check.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_record_holds_and_files_outside_include_may_change()
    {
        FirstHandoff();
        await Run();
        Record("records/a.r2.yaml", "value: 10\nsupersedes: a\n");
        Record("handoff.yml", "eligible: [a.r2, b]\n");

        var (check, _) = await Run();

        Assert.True(check.Outcome == Outcome.Passed, Describe(check));
    }

    [Fact]
    public async Task An_edit_is_not_laundered_by_running_again()
    {
        FirstHandoff();
        var (_, first) = await Run();
        Record("records/b.yaml", "value: 3\n");
        var (edited, second) = await Run();
        Assert.Equal(Outcome.Failed, edited.Outcome);
        Assert.Equal(second.Manifest.RunId, new BundleStore(Bundles).Latest());

        // LATEST is now the run that failed, and its ledger lists the edited record: it is no baseline.
        var (again, third) = await Run();
        Assert.Equal(Outcome.Failed, again.Outcome);
        Assert.Contains($"(SHA256SUMS of run {first.Manifest.RunId} line 3) (RG4001)", Assert.Single(again.Findings).Message, StringComparison.Ordinal);

        Record("records/b.yaml", "value: 2\n");
        var (restored, _) = await Run();
        Assert.True(restored.Outcome == Outcome.Passed, Describe(restored));
        Assert.Contains($"run {first.Manifest.RunId}, the last to hold records-immutable; {third.Manifest.RunId} (failed), {second.Manifest.RunId} (failed) did not", restored.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_earlier_bundle_fails_rather_than_passes()
    {
        FirstHandoff();
        var (_, first) = await Run();
        // Rewrite the earlier ledger to vouch for an edited record: the bundle's index no longer verifies.
        Record("records/b.yaml", "value: 3\n");
        File.WriteAllText(Path.Combine(first.BundleDirectory!, "SHA256SUMS"), RunGates.Core.Ledgers.LedgerWriter.Format(RunGates.Core.Ledgers.LedgerWriter.Build(_folder["evidence"], ["**/*"], [])));

        var (check, _) = await Run();

        Assert.Equal(Outcome.Failed, check.Outcome);
        Assert.Contains($"bundle {first.Manifest.RunId} does not validate", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalidated_latest_falls_back_to_the_run_before_it()
    {
        FirstHandoff();
        var (_, first) = await Run();
        Record("records/c.yaml", "value: 4\n");
        var (_, second) = await Run();
        new BundleStore(Bundles).Invalidate(second.Manifest.RunId, "handed on by mistake", "test", DateTimeOffset.UtcNow);
        File.Delete(_folder["evidence/records/c.yaml"]);

        var (check, _) = await Run();

        Assert.True(check.Outcome == Outcome.Passed, Describe(check));
        Assert.Contains($"run {first.Manifest.RunId}", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_LATEST_written_back_to_an_older_run_does_not_hide_a_newer_handoff()
    {
        FirstHandoff();
        var (_, first) = await Run();
        Record("records/c.yaml", "value: 4\n");
        var (_, second) = await Run();
        File.WriteAllText(Path.Combine(Bundles, "LATEST"), first.Manifest.RunId + "\n");
        Record("records/c.yaml", "value: 5\n");

        var (check, _) = await Run();

        Assert.Equal(Outcome.Failed, check.Outcome);
        Assert.Contains($"records/c.yaml: SHA-256 is", Assert.Single(check.Findings).Message, StringComparison.Ordinal);
        Assert.Contains($"SHA256SUMS of run {second.Manifest.RunId} line", check.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_id_names_its_baseline_exactly()
    {
        FirstHandoff();
        var (_, first) = await Run();
        Record("records/b.yaml", "value: 3\n");
        await Run();

        // Against the first run by id, the edit is still found, whatever LATEST is now.
        var (check, _) = await Run(Load($"{{ file: bundle:{first.Manifest.RunId}/SHA256SUMS, include: [\"records/**\"] }}"));

        Assert.Equal(Outcome.Failed, check.Outcome);
        Assert.Contains($"SHA256SUMS of run {first.Manifest.RunId} line 3", Assert.Single(check.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_id_that_did_not_hold_the_check_is_no_baseline()
    {
        FirstHandoff();
        await Run();
        Record("records/b.yaml", "value: 3\n");
        var (_, second) = await Run();

        var (check, _) = await Run(Load($"{{ file: bundle:{second.Manifest.RunId}/SHA256SUMS }}"));

        Assert.Equal(Outcome.Failed, check.Outcome);
        Assert.Contains($"no earlier run holds records-immutable, so no ledger is a baseline ({second.Manifest.RunId} (failed)): name a run that held it", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waived_failure_is_a_baseline()
    {
        FirstHandoff();
        await Run();
        Record("records/b.yaml", "value: 3\n");
        var waived = Load(waivers: """
            waivers:
              - { check: records-immutable, reason: "b re-derived, signed off by the reviewer", by: reviewer, expires: 2099-01-01 }
            """);
        var (edited, second) = await Run(waived);
        Assert.Equal(Outcome.Waived, edited.Outcome);

        var (check, _) = await Run();

        Assert.True(check.Outcome == Outcome.Passed, Describe(check));
        Assert.Contains($"run {second.Manifest.RunId})", check.Message, StringComparison.Ordinal);
    }
}
