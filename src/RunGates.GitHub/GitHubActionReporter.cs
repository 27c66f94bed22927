using System.Globalization;
using RunGates.Core.Diagnostics;
using RunGates.GitHub.Api;
using RunGates.GitHub.CheckRuns;
using RunGates.GitHub.Events;
using RunGates.GitHub.Workflow;

namespace RunGates.GitHub;

/// <summary>
/// Reports a run from inside a workflow. Token-free first: the job summary and outputs are written before any API
/// call, so they survive a token that cannot write. Then the check run and commit status; where the API cannot be
/// used, <c>::error</c> workflow commands carry the annotations instead.
/// </summary>
/// <param name="dryRun">The client sends nothing (<see cref="Http.GitHubDryRunHandler"/>): its answers are made up, so no
/// <c>check-url</c> is written and nothing is said to be posted.</param>
public sealed class GitHubActionReporter(GitHubContext context, GitHubEvent target, TextWriter stdout, TextWriter log, bool dryRun = false)
{
    /// <param name="report">The run as it is posted (<see cref="CheckRunReportBuilder.Build"/>).</param>
    /// <param name="outputs">The step outputs known before posting (verdict, bundle, ledger, promoted); <c>check-url</c> is added here.</param>
    /// <param name="client">The API client, or null when there is no token.</param>
    /// <param name="cancellationToken">Stops between requests.</param>
    public async Task<GitHubPublishResult> ReportAsync(
        CheckRunReport report,
        IReadOnlyList<KeyValuePair<string, string>> outputs,
        GitHubApiClient? client,
        CancellationToken cancellationToken)
    {
        await StepSummary.AppendAsync(context.StepSummaryPath, report.Summary + "\n", cancellationToken).ConfigureAwait(false);
        await StepOutputs.WriteAsync(context.OutputPath, outputs, cancellationToken).ConfigureAwait(false);
        if (report.OmittedAnnotations > 0)
        {
            await Warn(DiagnosticCatalog.AnnotationsCapped, string.Create(CultureInfo.InvariantCulture, $"{DiagnosticText.Count(report.OmittedAnnotations, "annotation")} beyond max-annotations ({report.Annotations.Count}) {(report.OmittedAnnotations == 1 ? "is" : "are")} not posted; the check run's details list every finding")).ConfigureAwait(false);
        }

        GitHubPublishResult result;
        if (client is null)
        {
            result = new GitHubPublishResult(null, DiagnosticCatalog.GitHubTokenMissing, "no token (the action's token input or GITHUB_TOKEN): no check run or commit status was posted");
        }
        else
        {
            var what = string.Create(CultureInfo.InvariantCulture, $"{report.Name} ({report.Conclusion}, {DiagnosticText.Count(report.Annotations.Count, "annotation")}) on {target.HeadSha[..12]}");
            await log.WriteLineAsync(dryRun ? $"rungates: dry run: would post {what} to {context.ApiUrl}" : $"rungates: posting {what} to {context.ApiUrl}").ConfigureAwait(false);
            result = await new GitHubPublisher(client, context.Owner, context.Repository).PublishAsync(report, target.HeadSha, cancellationToken).ConfigureAwait(false);
        }

        // A dry run's check run page is made up by the dry-run handler: an output naming it would link nowhere.
        if (result.CheckRunUrl is { } url && !dryRun)
        {
            await StepOutputs.WriteAsync(context.OutputPath, [new("check-url", url)], cancellationToken).ConfigureAwait(false);
        }

        if (result.Problem is { } problem)
        {
            if (problem.Severity == DiagnosticSeverity.Warning)
            {
                await Warn(problem, result.ProblemMessage!).ConfigureAwait(false);
            }
            else
            {
                await new WorkflowCommands(stdout).ErrorAsync($"{problem.Code}: {result.ProblemMessage}", title: problem.Title).ConfigureAwait(false);
            }

            await AnnotateInLogAsync(report).ConfigureAwait(false);
        }
        else if (!dryRun)
        {
            await log.WriteLineAsync($"rungates: posted {report.Name}: {result.CheckRunUrl}").ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The annotations as workflow commands: what a read-only token still lets a job show on the diff.</summary>
    private async Task AnnotateInLogAsync(CheckRunReport report)
    {
        var commands = new WorkflowCommands(stdout);
        foreach (var a in report.Annotations)
        {
            await (a.Level switch
            {
                GitHubAnnotationLevel.Failure => commands.ErrorAsync(a.Message, a.Path, a.Line, a.Column, a.Title),
                GitHubAnnotationLevel.Warning => commands.WarningAsync(a.Message, a.Path, a.Line, a.Column, a.Title),
                _ => commands.NoticeAsync(a.Message, a.Path, a.Line, a.Column, a.Title),
            }).ConfigureAwait(false);
        }
    }

    private Task Warn(RunGatesDiagnostic diagnostic, string message) =>
        new WorkflowCommands(stdout).WarningAsync($"{diagnostic.Code}: {message}. See {diagnostic.HelpLink}", title: diagnostic.Title);
}
