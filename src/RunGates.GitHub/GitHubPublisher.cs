using System.Net;
using Octokit;
using RunGates.Core.Diagnostics;
using RunGates.GitHub.CheckRuns;
using RunGates.GitHub.Http;

namespace RunGates.GitHub;

/// <summary>
/// Posts a <see cref="CheckRunReport"/>: the check run (created, or updated when one with the same external id is
/// already on the commit), its annotations 50 per request, then the commit status that links to it.
/// </summary>
public sealed class GitHubPublisher(IGitHubClient client, string owner, string repository)
{
    public async Task<GitHubPublishResult> PublishAsync(CheckRunReport report, string headSha, CancellationToken cancellationToken)
    {
        string? url = null;
        try
        {
            var existing = await FindAsync(report, headSha).ConfigureAwait(false);

            // A re-run of the same publish updates the run; GitHub appends annotations on update, so the ones the
            // run already has (the same, in the same order) are not sent again.
            var pending = report.Annotations.Skip((int)Math.Min(existing?.Output?.AnnotationsCount ?? 0, int.MaxValue)).ToList();
            var batches = pending.Chunk(GitHubText.MaxAnnotationsPerRequest).ToList();
            var first = batches.Count > 0 ? batches[0] : [];

            cancellationToken.ThrowIfCancellationRequested();
            CheckRun run = existing is null
                ? await client.Check.Run.Create(owner, repository, NewRun(report, headSha, first)).ConfigureAwait(false)
                : await client.Check.Run.Update(owner, repository, existing.Id, Update(report, first, whole: true)).ConfigureAwait(false);
            url = run.HtmlUrl;

            foreach (var batch in batches.Skip(1))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await client.Check.Run.Update(owner, repository, run.Id, Update(report, batch, whole: false)).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            await client.Repository.Status.Create(owner, repository, headSha, new NewCommitStatus
            {
                State = report.StatusState == "success" ? CommitState.Success : CommitState.Failure,
                TargetUrl = url ?? report.DetailsUrl,
                Description = report.StatusDescription,
                Context = report.Name,
            }).ConfigureAwait(false);
            return new GitHubPublishResult(url);
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.Forbidden && GitHubRetryPolicy.IsNotAccessibleByIntegration(e.Message))
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubAccessDenied, $"GitHub answered 403 \"{e.Message}\": the token cannot write checks or statuses here (a fork's or Dependabot's pull request?)");
        }
        catch (ApiException e) when (IsTransient(e))
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRetriesExhausted, $"GitHub answered {(int)e.StatusCode} \"{e.Message}\" to the last attempt");
        }
        catch (ApiException e)
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRequestRejected, $"GitHub answered {(int)e.StatusCode} \"{e.Message}\"{Errors(e)}");
        }
        catch (HttpRequestException e)
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRetriesExhausted, $"GitHub could not be reached: {e.Message}");
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRetriesExhausted, $"GitHub did not answer in {GitHubClientFactory.RequestTimeout.TotalSeconds:0}s: {e.Message}");
        }
    }

    private async Task<CheckRun?> FindAsync(CheckRunReport report, string headSha)
    {
        var request = new CheckRunRequest { CheckName = report.Name, Filter = CheckRunCompletedAtFilter.All };
        var runs = await client.Check.Run.GetAllForReference(owner, repository, headSha, request, new ApiOptions { PageSize = 100 }).ConfigureAwait(false);
        return runs.CheckRuns.FirstOrDefault(r => r.ExternalId == report.ExternalId);
    }

    private static NewCheckRun NewRun(CheckRunReport report, string headSha, IReadOnlyList<GitHubAnnotation> annotations) => new(report.Name, headSha)
    {
        ExternalId = report.ExternalId,
        DetailsUrl = report.DetailsUrl,
        Status = CheckStatus.Completed,
        StartedAt = report.StartedAt,
        CompletedAt = report.CompletedAt,
        Conclusion = Conclusion(report.Conclusion),
        Output = Output(report, annotations, withText: true),
    };

    /// <summary>The first update carries the whole run (a re-run's new conclusion); later ones only more annotations.</summary>
    private static CheckRunUpdate Update(CheckRunReport report, IReadOnlyList<GitHubAnnotation> annotations, bool whole) => whole
        ? new CheckRunUpdate
        {
            ExternalId = report.ExternalId,
            DetailsUrl = report.DetailsUrl,
            Status = CheckStatus.Completed,
            StartedAt = report.StartedAt,
            CompletedAt = report.CompletedAt,
            Conclusion = Conclusion(report.Conclusion),
            Output = Output(report, annotations, withText: true),
        }
        : new CheckRunUpdate { Output = Output(report, annotations, withText: false) };

    private static NewCheckRunOutput Output(CheckRunReport report, IReadOnlyList<GitHubAnnotation> annotations, bool withText) => new(report.Title, report.Summary)
    {
        Text = withText ? report.Text : null,
        Annotations = annotations.Count == 0 ? null : annotations.Select(ToOctokit).ToList(),
    };

    private static NewCheckRunAnnotation ToOctokit(GitHubAnnotation annotation) => new(
        annotation.Path,
        annotation.Line,
        annotation.Line,
        annotation.Level switch
        {
            GitHubAnnotationLevel.Failure => CheckAnnotationLevel.Failure,
            GitHubAnnotationLevel.Warning => CheckAnnotationLevel.Warning,
            _ => CheckAnnotationLevel.Notice,
        },
        annotation.Message)
    {
        Title = annotation.Title,

        // Columns are allowed only on a single line, which every RunGates annotation is.
        StartColumn = annotation.Column,
        EndColumn = annotation.Column,
    };

    private static CheckConclusion Conclusion(string conclusion) => conclusion switch
    {
        "success" => CheckConclusion.Success,
        "neutral" => CheckConclusion.Neutral,
        "action_required" => CheckConclusion.ActionRequired,
        _ => CheckConclusion.Failure,
    };

    private static bool IsTransient(ApiException e) =>
        (int)e.StatusCode >= 500 || e.StatusCode == HttpStatusCode.TooManyRequests || e is RateLimitExceededException or SecondaryRateLimitExceededException;

    private static string Errors(ApiException e) =>
        e.ApiError?.Errors is { Count: > 0 } errors ? ": " + string.Join("; ", errors.Select(x => x.Message ?? $"{x.Field} {x.Code}")) : "";
}
