using System.Text;

namespace RunGates.GitHub.CheckRuns;

/// <summary>
/// GitHub's size limits, and cutting text to them without splitting a character: GitHub refuses a request whose
/// field is one character too long, so every field RunGates sends goes through here.
/// </summary>
public static class GitHubText
{
    /// <summary>An annotation's title: "The title that represents the annotation. The maximum size is 255 characters." (REST docs, check runs).</summary>
    public const int MaxAnnotationTitleChars = 255;

    /// <summary>An annotation's message: "The maximum size is 64 KB." (REST docs, check runs); one byte under, as GitHub's column is 65,535.</summary>
    public const int MaxAnnotationMessageBytes = 65_535;

    /// <summary>
    /// A check run's output summary and text: "Maximum length: 65535 characters." (REST docs, check runs). GitHub in
    /// fact counts bytes (github/docs#35252), so RunGates keeps to 65,535 UTF-8 bytes, which is never more characters.
    /// </summary>
    public const int MaxOutputChars = 65_535;

    /// <summary>Annotations per create or update request: "The Checks API limits the number of annotations to a maximum of 50 per API request." (REST docs).</summary>
    public const int MaxAnnotationsPerRequest = 50;

    /// <summary>A commit status description: GitHub keeps 140 characters (REST docs, commit statuses).</summary>
    public const int MaxStatusDescriptionChars = 140;

    /// <summary>A job summary: "The maximum size of the summary for a single step is 1 MiB." (Actions docs, workflow commands).</summary>
    public const int MaxJobSummaryBytes = 1024 * 1024;

    /// <summary>
    /// Text GitHub stores in a column that refuses characters outside the Basic Multilingual Plane (a commit status's
    /// description answers 422 to an emoji): each such character becomes <c>?</c>.
    /// </summary>
    public static string BasicPlaneOnly(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append('?');
                i++;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> unchanged if it fits both <paramref name="maxChars"/> (UTF-16 units, which never
    /// undercount GitHub's characters) and <paramref name="maxBytes"/> (UTF-8), else its longest prefix that fits with
    /// <paramref name="marker"/> appended, cut between whole characters.
    /// </summary>
    public static string Cut(string text, int maxChars, int maxBytes = int.MaxValue, string marker = "…")
    {
        if (text.Length <= maxChars && (maxBytes == int.MaxValue || Encoding.UTF8.GetByteCount(text) <= maxBytes))
        {
            return text;
        }

        var charBudget = maxChars - marker.Length;
        var byteBudget = maxBytes == int.MaxValue ? int.MaxValue : maxBytes - Encoding.UTF8.GetByteCount(marker);
        if (charBudget < 0 || byteBudget < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(marker), "The marker alone is longer than the limit.");
        }

        var end = 0;
        var bytes = 0;
        while (end < text.Length)
        {
            var width = char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1]) ? 2 : 1;
            var size = width == 2 ? 4 : Encoding.UTF8.GetByteCount(text.AsSpan(end, 1));
            if (end + width > charBudget || (long)bytes + size > byteBudget)
            {
                break;
            }

            end += width;
            bytes += size;
        }

        return string.Concat(text.AsSpan(0, end), marker);
    }
}
