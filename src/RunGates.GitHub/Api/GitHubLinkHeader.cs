using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace RunGates.GitHub.Api;

/// <summary>
/// Reads GitHub's pagination header, <c>Link: &lt;https://…?page=2&gt;; rel="next", &lt;…&gt;; rel="last"</c>
/// (docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
/// </summary>
internal static partial class GitHubLinkHeader
{
    /// <summary>The absolute address of the next page, or null on the last (or only) page.</summary>
    public static Uri? Next(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            foreach (Match link in LinkPattern().Matches(value))
            {
                if (link.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("next", StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(link.Groups["url"].Value, UriKind.Absolute, out var next))
                {
                    return next;
                }
            }
        }

        return null;
    }

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;\s*rel="(?<rel>[^"]*)"\s*""")]
    private static partial Regex LinkPattern();
}
