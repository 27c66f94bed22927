using System.Net.Http.Headers;
using System.Reflection;
using RunGates.GitHub.Api;

namespace RunGates.GitHub.Http;

/// <summary>
/// Builds the API client: the API base taken as given (GitHub Enterprise Server's ends in <c>/api/v3</c>, GitHub
/// Enterprise Cloud's is <c>api.*.ghe.com</c>; neither is guessed), our retry handler over the transport, GitHub's
/// media type and API version, and a time limit on each attempt.
/// </summary>
public static class GitHubClientFactory
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <param name="apiUrl">The API base (<c>GITHUB_API_URL</c>).</param>
    /// <param name="token">The token, or null for anonymous requests (a dry run).</param>
    /// <param name="transport">What sends requests: a <see cref="SocketsHttpHandler"/>, or <see cref="GitHubDryRunHandler"/>.</param>
    /// <param name="policy">Which answers are retried.</param>
    /// <param name="log">Where retries are told.</param>
    /// <param name="requestTimeout">How long one attempt may take (default <see cref="RequestTimeout"/>).</param>
    public static GitHubApiClient Create(string apiUrl, string? token, HttpMessageHandler transport, GitHubRetryPolicy policy, TextWriter? log, TimeSpan? requestTimeout = null)
    {
        var version = typeof(GitHubClientFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

        // The limit is per attempt, in the retry handler, so a wait GitHub asks for between attempts is not cut short.
        var handler = new GitHubRetryHandler(policy, log) { InnerHandler = transport, AttemptTimeout = requestTimeout ?? RequestTimeout };
        var http = new HttpClient(handler) { BaseAddress = new Uri(apiUrl.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        var headers = http.DefaultRequestHeaders;
        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        headers.Add("X-GitHub-Api-Version", GitHubApiClient.ApiVersion);
        headers.UserAgent.Add(new ProductInfoHeaderValue("rungates", version));
        if (token is not null)
        {
            // Bearer, as GitHub documents for installation tokens such as GITHUB_TOKEN.
            headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new GitHubApiClient(http);
    }
}
