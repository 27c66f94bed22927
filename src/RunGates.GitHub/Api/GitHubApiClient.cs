using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RunGates.GitHub.Api;

/// <summary>
/// The few GitHub REST operations RunGates uses, over one <see cref="HttpClient"/> (built by
/// <see cref="Http.GitHubClientFactory"/>) and JSON metadata generated at build time, so it runs under Native AOT.
/// </summary>
public sealed class GitHubApiClient : IDisposable
{
    /// <summary>The REST API version every request asks for (docs.github.com/rest/about-the-rest-api/api-versions).</summary>
    internal const string ApiVersion = "2022-11-28";

    /// <summary>The largest page GitHub serves; fewer pages, fewer requests against the rate limit.</summary>
    internal const int PageSize = 100;

    private readonly HttpClient _http;

    /// <param name="http">Sends every request; its base address, headers and handlers are the factory's.</param>
    internal GitHubApiClient(HttpClient http)
    {
        _http = http;
        CheckRuns = new CheckRunsClient(this);
        Statuses = new CommitStatusesClient(this);
        PullRequests = new PullRequestsClient(this);
    }

    /// <summary>The API base every path is resolved against, ending in <c>/</c>.</summary>
    private Uri BaseAddress => _http.BaseAddress!;

    public CheckRunsClient CheckRuns { get; }

    public CommitStatusesClient Statuses { get; }

    public PullRequestsClient PullRequests { get; }

    public void Dispose() => _http.Dispose();

    /// <summary>A request path under the API base, each segment escaped: <c>repos/{owner}/{repo}/…</c>.</summary>
    internal static string Path(params string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));

    internal async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        // Bytes rather than a stream, so the retry handler can send the same request again and GitHub sees a Content-Length.
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var (value, _) = await SendAsync(method, new Uri(path, UriKind.Relative), content, responseType, cancellationToken).ConfigureAwait(false);
        return value;
    }

    internal async Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var (value, _) = await SendAsync(HttpMethod.Get, new Uri(path, UriKind.Relative), null, responseType, cancellationToken).ConfigureAwait(false);
        return value;
    }

    /// <summary>Every item of a listing: the first page, then each page its <c>Link: &lt;…&gt;; rel="next"</c> names.</summary>
    internal async Task<IReadOnlyList<TItem>> GetAllPagesAsync<TPage, TItem>(
        string path, JsonTypeInfo<TPage> pageType, Func<TPage, IEnumerable<TItem>> items, CancellationToken cancellationToken)
    {
        var all = new List<TItem>();
        Uri? next = new(path, UriKind.Relative);
        var seen = new HashSet<Uri>();
        while (next is not null && seen.Add(next))
        {
            (var page, next) = await SendAsync(HttpMethod.Get, next, null, pageType, cancellationToken).ConfigureAwait(false);
            all.AddRange(items(page));
            if (next is not null && Uri.Compare(next, BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                // The token travels with every request: it must not follow a link to another host.
                throw new HttpRequestException(HttpRequestError.InvalidResponse, $"GitHub's next page is on another host ({next.GetLeftPart(UriPartial.Authority)}), not {BaseAddress.GetLeftPart(UriPartial.Authority)}");
            }
        }

        return all;
    }

    /// <returns>The answer and the next page's address, if GitHub names one.</returns>
    private async Task<(TResponse Value, Uri? Next)> SendAsync<TResponse>(
        HttpMethod method, Uri uri, HttpContent? content, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw GitHubApiException.From(response, text);
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var value = await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false);
                return (value ?? throw new JsonException("the body is null"), GitHubLinkHeader.Next(response.Headers));
            }
        }
        catch (JsonException e)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"GitHub's answer to {method} {request.RequestUri?.AbsolutePath} is not the JSON expected: {e.Message}", e, response.StatusCode);
        }
    }
}
