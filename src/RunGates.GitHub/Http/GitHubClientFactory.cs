using System.Reflection;
using Octokit;
using Octokit.Internal;

namespace RunGates.GitHub.Http;

/// <summary>
/// Builds the Octokit client: the API base taken as given (Octokit's own constructor would append <c>api/v3</c> to
/// any host but github.com, breaking GitHub Enterprise Cloud's <c>api.*.ghe.com</c>), our retry handler under it,
/// and a per-request timeout.
/// </summary>
public static class GitHubClientFactory
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <param name="apiUrl">The API base (<c>GITHUB_API_URL</c>).</param>
    /// <param name="token">The token, or null for anonymous requests (a dry run).</param>
    /// <param name="transport">What sends requests: a <see cref="SocketsHttpHandler"/>, or <see cref="GitHubDryRunHandler"/>.</param>
    /// <param name="policy">Which answers are retried.</param>
    /// <param name="log">Where retries are told.</param>
    public static IGitHubClient Create(string apiUrl, string? token, HttpMessageHandler transport, GitHubRetryPolicy policy, TextWriter? log)
    {
        var version = typeof(GitHubClientFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        // Bearer, as GitHub documents for installation tokens such as GITHUB_TOKEN.
        var credentials = token is null ? Credentials.Anonymous : new Credentials(token, AuthenticationType.Bearer);
        var http = new HttpClientAdapter(() => new GitHubRetryHandler(policy, log) { InnerHandler = transport });
        var connection = new Connection(
            new ProductHeaderValue("rungates", version),
            new Uri(apiUrl.TrimEnd('/') + "/"),
            new InMemoryCredentialStore(credentials),
            http,
            new SimpleJsonSerializer());
        connection.SetRequestTimeout(RequestTimeout);
        return new GitHubClient(connection);
    }
}
