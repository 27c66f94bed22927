using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Reports;
using RunGates.Core.Verdicts;
using RunGates.GitHub.CheckRuns;
using static RunGates.GitHub.Tests.CheckRuns.ResultsBuilder;

namespace RunGates.GitHub.Tests.CheckRuns;

public sealed class CheckRunReportBuilderTests
{
    private static readonly GitHubReportOptions Options = new();

    [Fact]
    public void Annotations_rank_blocker_then_required_then_advisory_failures_then_waivers()
    {
        var results = Document(
            Verdict.Reject,
            Check("advisory", Outcome.Failed, Severity.Advisory, specLine: 1),
            Check("waived", Outcome.Waived, specLine: 2),
            Check("required", Outcome.Failed, specLine: 3),
            Check("passed", Outcome.Passed, specLine: 4),
            Check("blocker", Outcome.Failed, Severity.Blocker, specLine: 5),
            Check("missing", Outcome.Missing, specLine: 6));

        var report = CheckRunReportBuilder.Build(results, Options);

        Assert.Equal([5, 3, 1, 2], report.Annotations.Select(a => a.Line));
        Assert.Equal(
            [GitHubAnnotationLevel.Failure, GitHubAnnotationLevel.Failure, GitHubAnnotationLevel.Warning, GitHubAnnotationLevel.Notice],
            report.Annotations.Select(a => a.Level));
        Assert.StartsWith("blocker: blocker failed (RG3001)", report.Annotations[0].Title, StringComparison.Ordinal);
        Assert.Contains("Waived by alice until 2030-01-01: moves next sprint", report.Annotations[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_positioned_finding_is_annotated_at_its_evidence_line_and_column()
    {
        var results = Document(Verdict.Reject, Check("gtt", Outcome.Failed, Severity.Blocker, findings: [Finding("diagnostics.json", 4, 21), Finding("proofs.json", 9, 3)]));

        var report = CheckRunReportBuilder.Build(results, Options);

        Assert.Equal([("diagnostics.json", 4, (int?)21), ("proofs.json", 9, 3)], report.Annotations.Select(a => (a.Path, a.Line, a.Column)));
        Assert.Contains("expected: \"PASS\"\nfound: \"WARN\"", report.Annotations[0].Message, StringComparison.Ordinal);
        Assert.Contains("(check defined at rungates.yml(10,5))", report.Annotations[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_are_made_repository_relative_through_the_recorded_locations()
    {
        var results = Document(
            Verdict.Reject,
            Check("gtt", Outcome.Failed, findings: [Finding("diagnostics.json", 4, 21)]),
            Check("inputs", Outcome.Failed, phase: Phase.Preflight, specLine: 7)) with
        {
            Locations = new ResultsLocations("examples/helios", "examples/helios/evidence/pass"),
        };

        var report = CheckRunReportBuilder.Build(results, Options);

        Assert.Equal(["examples/helios/evidence/pass/diagnostics.json", "examples/helios/rungates.yml"], report.Annotations.Select(a => a.Path));
    }

    [Fact]
    public void An_absolute_path_below_the_workspace_becomes_relative_to_it()
    {
        var workspace = Path.Combine(Path.GetTempPath(), "ws");
        var results = Document(Verdict.Reject, Check("gtt", Outcome.Failed, findings: [Finding(Path.Combine(workspace, "out", "d.json"), 2, 1)]));

        var report = CheckRunReportBuilder.Build(results, Options with { Workspace = workspace });

        Assert.Equal("out/d.json", report.Annotations.Single().Path);
    }

    [Fact]
    public void Annotations_over_the_cap_are_left_out_and_the_summary_says_how_many()
    {
        var findings = Enumerable.Range(1, 120).Select(i => Finding($"r{i}.json", i, 1)).ToArray();
        var results = Document(Verdict.Incomplete, Check("receipts", Outcome.Failed, findings: findings));

        var report = CheckRunReportBuilder.Build(results, Options with { MaxAnnotations = 100 });

        Assert.Equal(100, report.Annotations.Count);
        Assert.Equal(20, report.OmittedAnnotations);
        Assert.StartsWith("> **20 more annotations not shown** (RG6002): max-annotations is 100.", report.Summary, StringComparison.Ordinal);
        Assert.Contains("`r120.json(120,1)`", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_annotation_over_the_cap_and_one_check_read_in_the_singular()
    {
        var results = Document(Verdict.Reject, Check("receipts", Outcome.Failed, findings: [Finding("r1.json", 1, 1), Finding("r2.json", 2, 1)]));

        var report = CheckRunReportBuilder.Build(results, Options with { MaxAnnotations = 1 });

        Assert.StartsWith("> **1 more annotation not shown** (RG6002): max-annotations is 1.", report.Summary, StringComparison.Ordinal);
        Assert.Equal("REJECT: 1 failed of 1 check", report.Title);
        Assert.DoesNotContain("(s)", report.Summary + report.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "PASS: 1 check passed")]
    [InlineData(2, "PASS: all 2 checks passed")]
    public void A_title_where_every_check_passed_counts_them_in_words(int checks, string title)
    {
        var results = Document(Verdict.Pass, Enumerable.Range(1, checks).Select(i => Check($"c{i}", Outcome.Passed)).ToArray());

        Assert.Equal(title, CheckRunReportBuilder.Title(results));
    }

    [Fact]
    public void Every_field_fits_github_limits_however_large_the_run()
    {
        var longId = new string('x', 400);
        var huge = new string('é', 50_000);
        var checks = Enumerable.Range(0, 2_000)
            .Select(i => Check(i == 0 ? longId : $"check-{i}", Outcome.Failed, findings: [Finding($"r{i}.json", 1, 1, message: i == 0 ? huge : $"värde {i} är fel {new string('ü', 60)}")]))
            .ToArray();

        var report = CheckRunReportBuilder.Build(Document(Verdict.Incomplete, checks), Options);

        Assert.True(report.Summary.Length <= GitHubText.MaxOutputChars, $"summary is {report.Summary.Length} characters");
        Assert.True(report.Text.Length <= GitHubText.MaxOutputChars, $"text is {report.Text.Length} characters");
        Assert.Contains("cut to GitHub's 65,535 characters", report.Text, StringComparison.Ordinal);
        Assert.Contains("Report truncated", report.Summary, StringComparison.Ordinal);
        Assert.All(report.Annotations, a => Assert.True(a.Title.Length <= GitHubText.MaxAnnotationTitleChars));
        Assert.All(report.Annotations, a => Assert.True(Encoding.UTF8.GetByteCount(a.Message) <= GitHubText.MaxAnnotationMessageBytes));
        Assert.True(report.StatusDescription.Length <= GitHubText.MaxStatusDescriptionChars);
    }

    [Theory]
    [InlineData(Verdict.Pass, "success", "neutral", "success", "success")]
    [InlineData(Verdict.Partial, "success", "failure", "success", "success")]
    [InlineData(Verdict.Partial, "neutral", "failure", "neutral", "success")]
    [InlineData(Verdict.Incomplete, "success", "failure", "failure", "failure")]
    [InlineData(Verdict.Incomplete, "success", "action_required", "action_required", "failure")]
    [InlineData(Verdict.Reject, "neutral", "neutral", "failure", "failure")]
    public void Conclusion_and_status_follow_the_design_table(Verdict verdict, string partial, string incomplete, string conclusion, string state)
    {
        var report = CheckRunReportBuilder.Build(Document(verdict), Options with { PartialConclusion = partial, IncompleteConclusion = incomplete });

        Assert.Equal(conclusion, report.Conclusion);
        Assert.Equal(state, report.StatusState);
    }

    [Fact]
    public void Names_default_to_rungates_and_the_runbook_and_the_external_id_is_the_run_id()
    {
        var results = Document(Verdict.Reject, Check("a", Outcome.Failed), Check("b", Outcome.Missing), Check("c", Outcome.Passed));

        var report = CheckRunReportBuilder.Build(results, Options);
        var named = CheckRunReportBuilder.Build(results, Options with { CheckName = "gates" });

        Assert.Equal("rungates/helios", report.Name);
        Assert.Equal("gates", named.Name);
        Assert.Equal("helios-20261123T100000", report.ExternalId);
        Assert.Equal("REJECT: 1 failed, 1 missing of 3 checks", report.Title);
        Assert.Equal(report.Title, report.StatusDescription);
    }
}
