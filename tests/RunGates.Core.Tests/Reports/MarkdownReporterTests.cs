using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Runbooks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Reports;

public sealed class MarkdownReporterTests : IDisposable
{
    private readonly RunFixture _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void Summary_heading_names_the_runbook_and_verdict_and_the_table_lists_every_check()
    {
        var gtt = _run.Failed("gtt-residual", Phase.Gates, Severity.Blocker, "expect", new CheckFinding("strict.gttResidual is \"WARN\"", _run.Evidence("diagnostics.json", 4, 21)));

        var md = MarkdownReporter.Render(_run.Result([_run.Passed("inputs", Phase.Preflight), gtt]), _run.Root);

        Assert.StartsWith("## rungates/helios: REJECT (reject)\n", md, StringComparison.Ordinal);
        Assert.Contains("| Outcome | Severity | Phase | Check | Where | Message |\n|---|---|---|---|---|---|\n", md, StringComparison.Ordinal);
        Assert.Contains("| passed | required | preflight | inputs | inputs holds |\n", md, StringComparison.Ordinal);
        Assert.Contains("| **failed** | blocker | gates | gtt-residual | out/helios/20261122T120000Z-abc1234/diagnostics.json(4,21) | strict.gttResidual is \"WARN\" |\n", md, StringComparison.Ordinal);
        Assert.Contains("#### gtt-residual: failed ([RG3001](https://github.com/rungates/rungates/blob/main/docs/errors/RG3001.md))", md, StringComparison.Ordinal);
        Assert.Contains("- out/helios/20261122T120000Z-abc1234/diagnostics.json(4,21): strict.gttResidual is \"WARN\"\n", md, StringComparison.Ordinal);
        Assert.Contains("**Promotable:** no", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_300_check_summary_leads_with_the_verdict_and_counts_lists_what_did_not_pass_first_and_folds_the_passed_checks()
    {
        var checks = Enumerable.Range(0, 297).Select(i => _run.Passed($"check-{i:000}")).ToList<CheckResult>();
        checks.Insert(120, _run.Failed("advisory-drift", severity: Severity.Advisory, findings: new CheckFinding("drift is 3", _run.Evidence("drift.json", 2, 9))));
        checks.Insert(200, _run.With(Outcome.Missing, "receipts"));
        checks.Insert(250, _run.Failed("gtt-residual", severity: Severity.Blocker, findings: new CheckFinding("strict.gttResidual is \"WARN\"", _run.Evidence("diagnostics.json", 4, 21))));

        var md = MarkdownReporter.Render(_run.Result(checks), _run.Root);

        var lines = md.Split('\n');
        Assert.Equal("## rungates/helios: REJECT (reject)", lines[0]);
        Assert.StartsWith("300 checks: 297 passed, **2 failed**, **1 missing**. **Promotable:** no.", lines[2], StringComparison.Ordinal);
        var failures = md.IndexOf("### Did not pass (3)", StringComparison.Ordinal);
        var folded = md.IndexOf("<details><summary>297 passed checks</summary>\n\n| Outcome |", StringComparison.Ordinal);
        Assert.True(failures > 0 && folded > failures, md);
        // Worst first, each with its position: the blocker, then the advisory failure, then the missing check.
        var blocker = md.IndexOf("| **failed** | blocker | gates | gtt-residual | out/helios/20261122T120000Z-abc1234/diagnostics.json(4,21) |", StringComparison.Ordinal);
        var advisory = md.IndexOf("| **failed** | advisory | gates | advisory-drift | out/helios/20261122T120000Z-abc1234/drift.json(2,9) |", StringComparison.Ordinal);
        var missing = md.IndexOf("| **missing** | required | gates | receipts |", StringComparison.Ordinal);
        Assert.True(failures < blocker && blocker < advisory && advisory < missing && missing < folded, md);
        // Every passed check is inside the fold, none before it.
        Assert.All(Enumerable.Range(0, 297), i => Assert.True(md.IndexOf($"| check-{i:000} |", StringComparison.Ordinal) > folded));
        Assert.EndsWith("</details>\n", md, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_where_everything_passed_says_so_and_folds_every_check()
    {
        var md = MarkdownReporter.Render(_run.Result([_run.Passed("a"), _run.Passed("b")]), _run.Root);

        Assert.Contains("\n2 checks: 2 passed. **Promotable:**", md, StringComparison.Ordinal);
        Assert.Contains("<details><summary>All 2 passed checks</summary>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Did not pass", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipes_newlines_and_html_in_messages_cannot_break_the_table()
    {
        var check = _run.Failed("odd") with { Message = "a | b\nc <script> d\r\ne" };

        var md = MarkdownReporter.Render(_run.Result([check]), _run.Root);

        Assert.Matches(@"\| \*\*failed\*\* \| required \| gates \| odd \| [^|]+ \| a \\\| b<br>c &lt;script&gt; d<br>e \|\n", md);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiver_is_shown_in_the_details()
    {
        var waived = _run.With(Outcome.Waived, "docs") with { Waiver = new Waiver("docs", "moves next sprint", "alice", new DateOnly(2026, 12, 31), _run.Spec(40)) };

        var md = MarkdownReporter.Render(_run.Result([waived]), _run.Root);

        Assert.Contains("| **waived** | required | gates | docs |", md, StringComparison.Ordinal);
        Assert.Contains("Waived by alice until 2026-12-31: moves next sprint", md, StringComparison.Ordinal);
        Assert.StartsWith("## rungates/helios: PARTIAL (partial)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_report_is_cut_under_the_limit_with_a_marker_saying_how_much()
    {
        // 3,000 checks of about 100 bytes of multi-byte text each: well over 64 KiB.
        var checks = Enumerable.Range(0, 3000)
            .Select(i => _run.Failed($"check-{i}", findings: new CheckFinding($"värde {i} är fel: {new string('é', 40)}", _run.Evidence($"r{i}.json", 1, 1))))
            .ToList();

        var md = MarkdownReporter.Render(_run.Result(checks), _run.Root);

        Assert.True(Encoding.UTF8.GetByteCount(md) <= MarkdownReporter.MaxBytes);
        Assert.True(md.Length < 65_535);
        Assert.Matches(@"\*\*Report truncated:\*\* [\d,]+ of [\d,]+ bytes were cut to stay under 65,535\.", md);
        Assert.DoesNotContain('\uFFFD', md);
    }

    [Fact]
    public void Cap_never_splits_a_multi_byte_character()
    {
        // No line break to fall back on: the cut lands in the middle of two-byte characters.
        var text = new string('é', 10_000);

        var capped = MarkdownReporter.Cap(text, 5_001);

        Assert.True(Encoding.UTF8.GetByteCount(capped) <= 5_001);
        Assert.DoesNotContain('\uFFFD', capped);
        Assert.StartsWith(new string('é', 100), capped, StringComparison.Ordinal);
        Assert.Contains("bytes were cut", capped, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_report_is_not_cut() =>
        Assert.DoesNotContain("truncated", MarkdownReporter.Render(_run.Result([_run.Passed("a")]), _run.Root), StringComparison.Ordinal);
}
