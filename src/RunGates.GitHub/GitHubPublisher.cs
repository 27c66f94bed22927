using System.Net;
using RunGates.Core.Diagnostics;
using RunGates.GitHub.Api;
using RunGates.GitHub.CheckRuns;
using RunGates.GitHub.Http;

namespace RunGates.GitHub;

/// <summary>
/// Posts a <see cref="CheckRunReport"/>: the check run (created, or updated when one with the same external id is
/// already on the commit), its annotations 50 per request, then the commit status that links to it.
/// </summary>
public sealed class GitHubPublisher(GitHubApiClient client, string owner, string repository)
{
    public async Task<GitHubPublishResult> PublishAsync(CheckRunReport report, string headSha, CancellationToken cancellationToken)
    {
        string? url = null;
        try
        {
            var existing = (await client.CheckRuns.ListForRefAsync(owner, repository, headSha, report.Name, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(r => r.ExternalId == report.ExternalId);

            // A re-run of the same publish updates the run; GitHub appends annotations on update, so the ones the
            // run already has (the same, in the same order) are not sent again.
            var pending = report.Annotations.Skip((int)Math.Min(existing?.Output?.AnnotationsCount ?? 0, int.MaxValue)).ToList();
            var batches = pending.Chunk(GitHubText.MaxAnnotationsPerRequest).ToList();
            var first = batches.Count > 0 ? batches[0] : [];

            var run = existing is null
                ? await client.CheckRuns.CreateAsync(owner, repository, NewRun(report, headSha, first), cancellationToken).ConfigureAwait(false)
                : await client.CheckRuns.UpdateAsync(owner, repository, existing.Id, Update(report, first, whole: true), cancellationToken).ConfigureAwait(false);
            url = run.HtmlUrl;

            foreach (var batch in batches.Skip(1))
            {
                await client.CheckRuns.UpdateAsync(owner, repository, run.Id, Update(report, batch, whole: false), cancellationToken).ConfigureAwait(false);
            }

            await client.Statuses.CreateAsync(owner, repository, headSha, new NewCommitStatus
            {
                State = report.StatusState,
                TargetUrl = url ?? report.DetailsUrl,
                Description = report.StatusDescription,
                Context = report.Name,
            }, cancellationToken).ConfigureAwait(false);
            return new GitHubPublishResult(url);
        }
        catch (GitHubApiException e) when (e.StatusCode == HttpStatusCode.Forbidden && GitHubRetryPolicy.IsNotAccessibleByIntegration(e.Message))
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubAccessDenied, $"GitHub answered 403 \"{e.Message}\": the token cannot write checks or statuses here (a fork's or Dependabot's pull request?)");
        }
        catch (GitHubApiException e) when (IsTransient(e))
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRetriesExhausted, $"GitHub answered {(int)e.StatusCode} \"{e.Message}\" to the last attempt");
        }
        catch (GitHubApiException e)
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRequestRejected, $"GitHub answered {(int)e.StatusCode} \"{e.Message}\"{Errors(e)}");
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.InvalidResponse)
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRetriesExhausted, $"GitHub's answer could not be read: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRetriesExhausted, $"GitHub could not be reached: {e.Message}");
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new GitHubPublishResult(url, DiagnosticCatalog.GitHubRetriesExhausted, $"GitHub did not answer in time: {e.Message}");
        }
    }

    private static NewCheckRun NewRun(CheckRunReport report, string headSha, IReadOnlyList<GitHubAnnotation> annotations) => new()
    {
        Name = report.Name,
        HeadSha = headSha,
        ExternalId = report.ExternalId,
        DetailsUrl = report.DetailsUrl,
        Status = "completed",
        StartedAt = report.StartedAt,
        CompletedAt = report.CompletedAt,
        Conclusion = report.Conclusion,
        Output = Output(report, annotations, withText: true),
    };

    /// <summary>The first update carries the whole run (a re-run's new conclusion); later ones only more annotations.</summary>
    private static CheckRunUpdate Update(CheckRunReport report, IReadOnlyList<GitHubAnnotation> annotations, bool whole) => whole
        ? new CheckRunUpdate
        {
            ExternalId = report.ExternalId,
            DetailsUrl = report.DetailsUrl,
            Status = "completed",
            StartedAt = report.StartedAt,
            CompletedAt = report.CompletedAt,
            Conclusion = report.Conclusion,
            Output = Output(report, annotations, withText: true),
        }
        : new CheckRunUpdate { Output = Output(report, annotations, withText: false) };

    private static NewCheckRunOutput Output(CheckRunReport report, IReadOnlyList<GitHubAnnotation> annotations, bool withText) => new()
    {
        Title = report.Title,
        Summary = report.Summary,
        Text = withText ? report.Text : null,
        Annotations = annotations.Count == 0 ? null : annotations.Select(ToApi).ToList(),
    };

    private static NewCheckRunAnnotation ToApi(GitHubAnnotation annotation) => new()
    {
        Path = annotation.Path,
        StartLine = annotation.Line,
        EndLine = annotation.Line,

        // Columns are allowed only on a single line, which every RunGates annotation is.
        StartColumn = annotation.Column,
        EndColumn = annotation.Column,
        AnnotationLevel = annotation.Level switch
        {
            GitHubAnnotationLevel.Failure => "failure",
            GitHubAnnotationLevel.Warning => "warning",
            _ => "notice",
        },
        Message = annotation.Message,
        Title = annotation.Title,
    };

    private static bool IsTransient(GitHubApiException e) =>
        (int)e.StatusCode >= 500 || e.StatusCode == HttpStatusCode.TooManyRequests || e.IsPrimaryRateLimit || e.IsSecondaryRateLimit;

    private static string Errors(GitHubApiException e) =>
        e.Errors.Count > 0 ? ": " + string.Join("; ", e.Errors) : "";
}
