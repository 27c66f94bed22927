using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RunGates.Core.Checks;

/// <summary>Parses Markdown with source positions and lists the anchors GitHub gives its headings.</summary>
internal static partial class MarkdownAnchors
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    /// <summary>Every anchor a reader can link to: heading slugs (GitHub's rules, duplicates numbered) and HTML ids and names.</summary>
    public static HashSet<string> Of(MarkdownDocument document, string text)
    {
        var anchors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var slug = Slug(HeadingText(heading));
            if (counts.TryGetValue(slug, out var seen))
            {
                counts[slug] = seen + 1;
                anchors.Add(slug + "-" + seen.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                counts[slug] = 1;
                anchors.Add(slug);
            }
        }

        foreach (Match match in HtmlAnchor().Matches(text))
        {
            anchors.Add(match.Groups[1].Value);
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's heading slug: lower case; letters, marks, digits, <c>_</c>, <c>-</c> and spaces kept, everything else
    /// dropped; each space becomes <c>-</c>.
    /// </summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c == '-' || char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                     or UnicodeCategory.EnclosingMark or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    private static string HeadingText(HeadingBlock heading)
    {
        var text = new StringBuilder();
        if (heading.Inline is null)
        {
            return "";
        }

        foreach (var inline in heading.Inline.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
            }
        }

        return text.ToString();
    }

    [GeneratedRegex("""<[a-zA-Z][^>]*\s(?:id|name)\s*=\s*["']([^"']+)["']""", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlAnchor();
}
