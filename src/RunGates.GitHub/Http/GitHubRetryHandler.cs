namespace RunGates.GitHub.Http;

/// <summary>
/// Retries what <see cref="GitHubRetryPolicy"/> says is worth retrying, below Octokit, so every API call gets the same
/// bounded backoff; each retry is told on <paramref name="log"/> (never with the token, which only travels in a header).
/// </summary>
public sealed class GitHubRetryHandler(GitHubRetryPolicy policy, TextWriter? log, TimeProvider? time = null) : DelegatingHandler
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The body is buffered by the content type Octokit uses (StringContent), so the same message can be sent again.
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (attempt < policy.MaxAttempts)
            {
                var backoff = policy.Backoff(attempt);
                await Log($"rungates: {request.Method} {request.RequestUri?.AbsolutePath}: {e.Message}; retry {attempt + 1} of {policy.MaxAttempts} in {backoff.TotalSeconds:0.#}s").ConfigureAwait(false);
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (policy.RetryDelay(response, body, attempt, _time.GetUtcNow()) is not { } wait)
            {
                return response;
            }

            await Log($"rungates: {request.Method} {request.RequestUri?.AbsolutePath}: GitHub answered {(int)response.StatusCode}; retry {attempt + 1} of {policy.MaxAttempts} in {wait.TotalSeconds:0.#}s").ConfigureAwait(false);
            response.Dispose();
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task Log(string line) => log is null ? Task.CompletedTask : log.WriteLineAsync(line);
}
