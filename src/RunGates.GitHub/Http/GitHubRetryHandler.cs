namespace RunGates.GitHub.Http;

/// <summary>
/// Retries what <see cref="GitHubRetryPolicy"/> says is worth retrying, below the API client, so every API call gets the
/// same bounded backoff; each retry is told on <paramref name="log"/> (never with the token, which only travels in a header).
/// </summary>
public sealed class GitHubRetryHandler(GitHubRetryPolicy policy, TextWriter? log, TimeProvider? time = null) : DelegatingHandler
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// How long one attempt may take, its answer's body read included. An attempt that runs out is not retried (a create
    /// may have landed) and ends the call with a <see cref="TaskCanceledException"/> whose inner exception is a
    /// <see cref="TimeoutException"/>, as <see cref="HttpClient.Timeout"/> does.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The API client sends its bodies as bytes (ByteArrayContent), so the same message can be sent again.
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
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

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(attempt.Token).ConfigureAwait(false);
            return response;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TaskCanceledException(
                $"no answer to {request.Method} {request.RequestUri?.AbsolutePath} within {AttemptTimeout.TotalSeconds:0.#}s", new TimeoutException(e.Message, e));
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private Task Log(string line) => log is null ? Task.CompletedTask : log.WriteLineAsync(line);
}
