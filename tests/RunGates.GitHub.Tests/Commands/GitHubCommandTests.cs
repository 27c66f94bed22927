using System.Text.Json.Nodes;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Commands;

/// <summary><c>rungates github</c> as the action runs it, with <c>--dry-run</c> or no token, so nothing leaves the machine.</summary>
public sealed class GitHubCommandTests : IDisposable
{
    private readonly ActionWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static JsonObject Request(string directory, string namePart) =>
        JsonNode.Parse(File.ReadAllText(Directory.EnumerateFiles(directory).Single(f => Path.GetFileName(f).Contains(namePart, StringComparison.Ordinal))))!.AsObject();

    [Fact]
    public async Task Dry_run_writes_every_request_on_the_head_sha_and_the_summary_and_sends_nothing()
    {
        var environment = _workspace.Environment("pull_request", ActionWorkspace.PullRequest(), extra: new Dictionary<string, string>
        {
            ["INPUT_SPEC"] = "examples/helios/rungates.yml",
            ["INPUT_DRY-RUN"] = _workspace.DryRun,
            ["INPUT_TOKEN"] = "ghs_dry_run_token_sentinel",
        });

        var run = await RunGatesCli.RunAsync(_workspace.Repository, environment, "github", "--evidence", _workspace.Evidence("pause-not-rehearsed"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["01-GET-repos-acme-helios-commits-" + ActionWorkspace.HeadSha + "-check-runs.json", "02-POST-repos-acme-helios-check-runs.json", "03-POST-repos-acme-helios-statuses-" + ActionWorkspace.HeadSha + ".json", "summary.md"],
            Directory.EnumerateFiles(_workspace.DryRun).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var create = Request(_workspace.DryRun, "POST-repos-acme-helios-check-runs.json")["body"]!;
        Assert.Equal(ActionWorkspace.HeadSha, (string?)create["head_sha"]);
        Assert.Equal("rungates/helios", (string?)create["name"]);
        Assert.Equal("success", (string?)create["conclusion"]);
        Assert.Equal("https://ghe.example.com/acme/helios/actions/runs/42", (string?)create["details_url"]);
        // Both fields of the advisory pause-drill check fail: one warning each, at its own column of line 4 of the evidence file.
        var annotations = create["output"]!["annotations"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal(2, annotations.Count);
        Assert.All(annotations, a => Assert.Equal("examples/helios/evidence/pause-not-rehearsed/reports/helios-omniversal-symphony/owner/emergency-runbook.json", (string?)a["path"]));
        Assert.All(annotations, a => Assert.Equal("warning", (string?)a["annotation_level"]));
        Assert.All(annotations, a => Assert.Equal(4, (int?)a["start_line"]));
        Assert.Equal(2, annotations.Select(a => (int?)a["start_column"]).Distinct().Count());
        var status = Request(_workspace.DryRun, "statuses")["body"]!;
        Assert.Equal("success", (string?)status["state"]);
        Assert.Equal("rungates/helios", (string?)status["context"]);
        Assert.Equal("PARTIAL: 1 failed of 15 checks", (string?)status["description"]);
        Assert.StartsWith("## rungates/helios: PARTIAL (partial)", File.ReadAllText(Path.Combine(_workspace.DryRun, "summary.md")), StringComparison.Ordinal);
        Assert.DoesNotContain("ghs_dry_run_token_sentinel", string.Concat(Directory.EnumerateFiles(_workspace.DryRun).Select(File.ReadAllText)) + run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_on_a_laptop_without_github_variables_previews_with_placeholders_and_says_so()
    {
        // A laptop: no GITHUB_* variables at all, no token, just the option.
        var run = await RunGatesCli.RunAsync(_workspace.Repository, "github", "--dry-run", _workspace.DryRun, "--spec", _workspace.Spec, "--evidence", _workspace.Evidence("pause-not-rehearsed"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"rungates: dry run outside GitHub Actions: GITHUB_REPOSITORY and GITHUB_SHA are not set, so this preview uses the placeholder repository {GitHubPreview.Repository} and the placeholder SHA {GitHubPreview.Sha}; nothing is sent.", run.Error, StringComparison.Ordinal);
        Assert.Contains("rungates: dry run: would post rungates/helios (success, 2 annotations) on 000000000000", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("posted", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("check-url", run.Out + run.Error, StringComparison.Ordinal);
        var create = Request(_workspace.DryRun, "POST-repos-preview-owner-preview-repository-check-runs.json")["body"]!;
        Assert.Equal(GitHubPreview.Sha, (string?)create["head_sha"]);
        Assert.True(File.Exists(Path.Combine(_workspace.DryRun, "03-POST-repos-preview-owner-preview-repository-statuses-" + GitHubPreview.Sha + ".json")));
        var summary = File.ReadAllText(Path.Combine(_workspace.DryRun, "summary.md"));
        Assert.StartsWith("## rungates/helios: PARTIAL (partial)\n\n15 checks: 14 passed, **1 failed**.", summary, StringComparison.Ordinal);
        Assert.Contains("### Did not pass (1)", summary, StringComparison.Ordinal);
        Assert.Contains("<details><summary>14 passed checks</summary>", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_outside_actions_without_dry_run_still_needs_the_runners_variables()
    {
        var run = await RunGatesCli.RunAsync(_workspace.Repository, "github", "--spec", _workspace.Spec);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("GITHUB_REPOSITORY is not set", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubPreview.Repository, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_and_outputs_are_written_for_the_runner()
    {
        var environment = _workspace.Environment("push", "{}", extra: new Dictionary<string, string> { ["INPUT_DRY-RUN"] = _workspace.DryRun });

        var run = await RunGatesCli.RunAsync(_workspace.Repository, environment, "github", "--spec", _workspace.Spec);

        Assert.Equal(0, run.ExitCode);
        var outputs = _workspace.Outputs();
        Assert.Equal("pass", outputs["verdict"]);
        Assert.StartsWith("examples/helios/out/helios/helios-", outputs["bundle"], StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_workspace.Repository, outputs["bundle"])));
        Assert.Equal("true", outputs["promoted"]);
        // Nothing was sent, so there is no check run page to link to: the dry-run handler's answer is made up.
        Assert.False(outputs.ContainsKey("check-url"), "a dry run wrote a check-url");
        Assert.StartsWith("## rungates/helios: CERTIFIED (pass)", File.ReadAllText(_workspace.SummaryPath), StringComparison.Ordinal);
        Assert.Contains(ActionWorkspace.MergeSha, File.ReadAllText(Directory.EnumerateFiles(_workspace.DryRun, "*statuses*").Single()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("partial", 0)]
    [InlineData("pass", 1)]
    public async Task Exit_code_follows_the_fail_on_input(string failOn, int exitCode)
    {
        var environment = _workspace.Environment("push", "{}", extra: new Dictionary<string, string> { ["INPUT_FAIL-ON"] = failOn, ["INPUT_DRY-RUN"] = _workspace.DryRun });

        var run = await RunGatesCli.RunAsync(_workspace.Repository, environment, "github", "--spec", _workspace.Spec, "--evidence", _workspace.Evidence("pause-not-rehearsed"));

        Assert.Equal(exitCode, run.ExitCode);
    }

    [Fact]
    public async Task Without_a_token_the_failures_become_workflow_commands_and_the_verdict_decides()
    {
        var environment = _workspace.Environment("push", "{}");

        var run = await RunGatesCli.RunAsync(_workspace.Repository, environment, "github", "--spec", _workspace.Spec, "--evidence", _workspace.Evidence("tampered"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("::warning title=No GitHub token%3A nothing was posted to the API::RG6006: no token", run.Out, StringComparison.Ordinal);
        Assert.Contains("::error file=examples/helios/", run.Out, StringComparison.Ordinal);
        Assert.Contains("title=sha256-ledger%3A blocker failed (RG3008)::", run.Out, StringComparison.Ordinal);
        Assert.Equal("reject", _workspace.Outputs()["verdict"]);
        Assert.False(_workspace.Outputs().ContainsKey("check-url"));
    }

    [Fact]
    public async Task Publish_takes_the_head_sha_from_the_workflow_run_event_not_the_bundle()
    {
        var bundle = await CommittedBundleAsync();
        var environment = _workspace.Environment("workflow_run", ActionWorkspace.WorkflowRun(), extra: new Dictionary<string, string> { ["INPUT_DRY-RUN"] = _workspace.DryRun });

        var run = await RunGatesCli.RunAsync(_workspace.Repository, environment, "github", "publish", "--bundle", bundle);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ActionWorkspace.HeadSha, (string?)Request(_workspace.DryRun, "POST-repos-acme-helios-check-runs.json")["body"]!["head_sha"]);
        Assert.Equal("pass", _workspace.Outputs()["verdict"]);
    }

    [Fact]
    public async Task Publish_refuses_an_altered_bundle_and_posts_nothing()
    {
        var bundle = await CommittedBundleAsync();
        await File.AppendAllTextAsync(Path.Combine(bundle, "results.json"), " ");
        var environment = _workspace.Environment("workflow_run", ActionWorkspace.WorkflowRun(), extra: new Dictionary<string, string> { ["INPUT_COMMAND"] = "publish", ["INPUT_BUNDLE"] = bundle, ["INPUT_DRY-RUN"] = _workspace.DryRun });

        var run = await RunGatesCli.RunAsync(_workspace.Repository, environment, "github");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error RG4001", run.Error, StringComparison.Ordinal);
        Assert.Contains("results.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was published", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_workspace.DryRun));
        Assert.Equal("", File.ReadAllText(_workspace.OutputPath));
    }

    [Fact]
    public async Task Outside_actions_the_missing_repository_is_an_rg6004_and_nothing_runs()
    {
        var run = await RunGatesCli.RunAsync(_workspace.Repository, new Dictionary<string, string>(), "github", "--spec", _workspace.Spec);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error RG6004: GITHUB_REPOSITORY is not set", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Repository, "examples/helios/out")));
    }

    [Theory]
    [InlineData("INPUT_MAX-ANNOTATIONS", "lots", "the max-annotations input is 'lots'; expected a whole number.")]
    [InlineData("INPUT_PARTIAL-CONCLUSION", "maybe", "partial-conclusion is 'maybe'; expected one of: success, neutral.")]
    [InlineData("INPUT_COMMAND", "deploy", "the command input is 'deploy'; expected run or publish.")]
    [InlineData("INPUT_FAIL-ON", "green", "'green' is not a verdict")]
    public async Task A_bad_input_is_a_usage_error_naming_it(string variable, string value, string message)
    {
        var environment = _workspace.Environment("push", "{}", extra: new Dictionary<string, string> { [variable] = value });

        var run = await RunGatesCli.RunAsync(_workspace.Repository, environment, "github", "--spec", _workspace.Spec);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Repository, "examples/helios/out")));
    }

    private async Task<string> CommittedBundleAsync()
    {
        var run = await RunGatesCli.RunAsync(_workspace.Repository, "run", "--spec", _workspace.Spec, "--quiet");
        Assert.Equal(0, run.ExitCode);
        var bundles = Path.Combine(_workspace.Repository, "examples/helios/out/helios");
        return Path.Combine(bundles, File.ReadAllText(Path.Combine(bundles, "LATEST")).Trim());
    }
}
