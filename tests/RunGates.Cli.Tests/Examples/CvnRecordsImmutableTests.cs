using System.Text.Json;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Examples;

/// <summary>
/// CVN §8/§10/§11/§13 across runs (<c>records-immutable</c>): the real cvn-derivations example, copied to a temporary
/// folder and run two or three times with <c>rungates run</c> into the same bundles folder, so each run reads the
/// ledger the one before it committed. The single-run evidence sets (ExampleRunbookTests) are all first runs.
/// </summary>
public sealed class CvnRecordsImmutableTests : IDisposable
{
    private const string Check = "records-immutable";

    private readonly TempFolder _temp = new();

    private static string Example => Path.Combine(RepositoryRoot.Path, "examples", "cvn-derivations");

    private string Spec => _temp["cvn/rungates.yml"];

    private string Evidence => _temp["workspace"];

    public CvnRecordsImmutableTests()
    {
        // The example without its evidence sets or bundles; the workspace is one evidence folder the runs share.
        foreach (var file in Directory.EnumerateFiles(Example, "*", SearchOption.AllDirectories))
        {
            var below = Path.GetRelativePath(Example, file);
            if (!below.StartsWith("evidence" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !below.StartsWith("out" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                Copy(file, Path.Combine(_temp["cvn"], below));
            }
        }
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Makes the workspace a copy of evidence set <paramref name="set"/>, as the analyst's folder is at that handoff.</summary>
    private void Workspace(string set)
    {
        if (Directory.Exists(Evidence))
        {
            Directory.Delete(Evidence, recursive: true);
        }

        var source = Path.Combine(Example, "evidence", set);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            Copy(file, Path.Combine(Evidence, Path.GetRelativePath(source, file)));
        }
    }

    private sealed record Handoff(string RunId, string Verdict, string VerdictName, Dictionary<string, string> NotPassed, JsonElement Check);

    private async Task<Handoff> Run()
    {
        var run = await RunGatesCli.RunAsync(_temp.Path, (IReadOnlyDictionary<string, string>?)null, "run", "--spec", Spec, "--evidence", Evidence, "--bundles", _temp["bundles"], "--format", "json", "--quiet", "--fail-on", "reject");
        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        var results = JsonDocument.Parse(run.Out).RootElement;
        var checks = results.GetProperty("checks").EnumerateArray().ToList();
        return new Handoff(
            results.GetProperty("run_id").GetString()!,
            results.GetProperty("verdict").GetString()!,
            results.GetProperty("verdict_name").GetString()!,
            checks.Where(c => c.GetProperty("outcome").GetString() != "passed").ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("outcome").GetString()!),
            checks.Single(c => c.GetProperty("id").GetString() == Check));
    }

    private static string Outcome(Handoff handoff) => handoff.Check.GetProperty("outcome").GetString()!;

    private static string Message(Handoff handoff) => handoff.Check.GetProperty("message").GetString()!;

    private static List<string> Findings(Handoff handoff) =>
        handoff.Check.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()!).ToList();

    [Fact]
    public async Task A_first_handoff_holds_and_a_second_with_the_same_records_holds()
    {
        Workspace("pass");
        var first = await Run();
        var second = await Run();

        Assert.Equal(("pass", "passed"), (first.Verdict, Outcome(first)));
        Assert.Contains("a first run", Message(first), StringComparison.Ordinal);
        Assert.Equal(("pass", "HANDOFF-READY", "passed"), (second.Verdict, second.VerdictName, Outcome(second)));
        Assert.Equal($"4 files match bundle:LATEST/SHA256SUMS (run {first.RunId})", Message(second));
    }

    [Fact]
    public async Task A_record_edited_after_a_handoff_makes_S02_incomplete_naming_the_record_and_run()
    {
        Workspace("pass");
        var first = await Run();
        var power = Path.Combine(Evidence, "derivations", "power.yaml");
        File.WriteAllText(power, File.ReadAllText(power).Replace("value: 0.82", "value: 0.91", StringComparison.Ordinal));

        var second = await Run();

        // Only this rule is broken: the edited record is still a valid signed derivation on its own.
        Assert.Equal(new Dictionary<string, string> { [Check] = "failed" }, second.NotPassed);
        Assert.Equal(("incomplete", "S02-INCOMPLETE"), (second.Verdict, second.VerdictName));
        var finding = Assert.Single(Findings(second));
        Assert.StartsWith("derivations/power.yaml: SHA-256 is", finding, StringComparison.Ordinal);
        Assert.Contains($"(SHA256SUMS of run {first.RunId} line ", finding, StringComparison.Ordinal);
        Assert.EndsWith("(RG4001)", finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_deleted_after_a_handoff_fails()
    {
        Workspace("pass");
        var first = await Run();
        File.Delete(Path.Combine(Evidence, "derivations", "mapping.yaml"));

        var second = await Run();

        Assert.Equal("failed", Outcome(second));
        Assert.NotEqual("pass", second.Verdict);
        var finding = Assert.Single(Findings(second));
        Assert.StartsWith("derivations/mapping.yaml: expected a file with SHA-256", finding, StringComparison.Ordinal);
        Assert.Contains($"(SHA256SUMS of run {first.RunId} line ", finding, StringComparison.Ordinal);
        Assert.EndsWith("(RG4002)", finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_records_beside_those_handed_on_hold()
    {
        Workspace("pass");
        await Run();
        // re-derived is pass plus two records (a superseded Tier-C P90 and an invalidated capacity record): new files.
        Workspace("re-derived");

        var second = await Run();

        Assert.Equal(("pass", "HANDOFF-READY"), (second.Verdict, second.VerdictName));
        Assert.Empty(second.NotPassed);
    }

    [Fact]
    public async Task An_edit_is_not_laundered_by_running_again_and_holds_once_restored()
    {
        Workspace("pass");
        var first = await Run();
        var power = Path.Combine(Evidence, "derivations", "power.yaml");
        var handedOn = File.ReadAllText(power);
        File.WriteAllText(power, handedOn.Replace("value: 0.82", "value: 0.91", StringComparison.Ordinal));
        var edited = await Run();

        // LATEST is now the run that failed, whose ledger lists the edited record: the check looks past it.
        var again = await Run();
        File.WriteAllText(power, handedOn);
        var restored = await Run();

        Assert.Equal(("failed", "failed"), (Outcome(edited), Outcome(again)));
        Assert.Contains($"SHA256SUMS of run {first.RunId} line ", Assert.Single(Findings(again)), StringComparison.Ordinal);
        Assert.Equal(("pass", "passed"), (restored.Verdict, Outcome(restored)));
        Assert.Contains($"run {first.RunId}, the last to hold {Check}; {again.RunId} (failed), {edited.RunId} (failed) did not", Message(restored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_re_derivation_after_a_handoff_is_an_edit_a_named_waiver_can_accept_and_the_next_run_builds_on()
    {
        // The first handoff carries the Tier-C P90 record as live p90_cost.yaml; the re-derivation (section 10) marks
        // it superseded as p90_cost.r1.yaml and writes the Tier-B record as p90_cost.yaml: the handed-on file changed.
        Workspace("pass");
        var tierC = File.ReadAllLines(Path.Combine(Example, "evidence", "re-derived", "derivations", "p90_cost.r1.yaml"))
            .Where(l => !l.StartsWith("status:", StringComparison.Ordinal) && !l.StartsWith("superseded_by:", StringComparison.Ordinal));
        File.WriteAllLines(Path.Combine(Evidence, "derivations", "p90_cost.yaml"), tierC);
        await Run();
        Workspace("re-derived");

        var unwaived = await Run();
        // The methodology reviewer signs the change off: a waiver with a reason and a name, in the runbook.
        File.WriteAllText(Spec, File.ReadAllText(Spec).Replace("waivers:\n", """
            waivers:
              - check: records-immutable
                reason: "p90_cost re-derived from Tier-B trade logs (section 10); S03 notified"
                by: methodology-reviewer
                expires: 2099-01-31

            """, StringComparison.Ordinal));
        var waived = await Run();
        File.WriteAllText(Spec, File.ReadAllText(Path.Combine(Example, "rungates.yml")));
        var next = await Run();

        Assert.Equal("failed", Outcome(unwaived));
        Assert.Contains(Findings(unwaived), f => f.StartsWith("derivations/p90_cost.yaml: SHA-256 is", StringComparison.Ordinal));
        Assert.Equal(("partial", "HANDOFF-WITH-NOTES", "waived"), (waived.Verdict, waived.VerdictName, Outcome(waived)));
        Assert.Equal(("pass", "passed"), (next.Verdict, Outcome(next)));
        Assert.Equal($"6 files match bundle:LATEST/SHA256SUMS (run {waived.RunId})", Message(next));
    }

    private static void Copy(string file, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(file, destination, overwrite: true);
    }
}
