using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using RunGates.Core.Diagnostics;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary><c>links:</c> relative links and <c>#anchors</c> in the Markdown files the globs match resolve. No network.</summary>
/// <remarks>
/// Links with a scheme (<c>http:</c>, <c>https:</c>, <c>mailto:</c>, ...) are skipped. A link starting with <c>/</c>
/// resolves against the check's base folder (the repository root, as on GitHub); others against the Markdown file's folder.
/// </remarks>
public sealed partial record LinksCheck : Check
{
    public required IReadOnlyList<string> Patterns { get; init; }

    public override string Kind => "links";

    public override string Describe() => $"Checks that relative links in {string.Join(", ", Patterns)} resolve.";

    /// <summary>The Markdown files (globs by their matches) and every file or folder a relative link in them names.</summary>
    public override CheckInputs Inputs(CheckContext context)
    {
        var baseDirectory = context.EvidenceBase(Phase);
        var globs = Patterns.Where(EvidenceGlob.IsGlob).Select(p => new GlobInput(baseDirectory, p)).ToList();
        var files = new SortedSet<string>(StringComparer.Ordinal);
        files.UnionWith(Patterns.Where(p => !EvidenceGlob.IsGlob(p)).Select(p => context.ResolveEvidencePath(Phase, p)));
        files.UnionWith(globs.SelectMany(g => g.Matches()));
        var parsed = new Dictionary<string, (MarkdownDocument, string, string?)>(StringComparer.Ordinal);
        var targets = new List<string>();
        foreach (var file in files.Where(f => File.Exists(f) && context.EvidenceEscape(Phase, f) is null))
        {
            foreach (var link in Parse(file, parsed).Document.Descendants<LinkInline>())
            {
                if (link.Url is { Length: > 0 } url && !HasScheme().IsMatch(url) && !url.StartsWith("//", StringComparison.Ordinal))
                {
                    targets.Add(Split(file, url, baseDirectory).Target);
                }
            }
        }

        files.UnionWith(targets);
        return new CheckInputs { Files = files.ToList(), Globs = globs };
    }

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var baseDirectory = context.EvidenceBase(Phase);
        var findings = new List<CheckFinding>();
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in Patterns)
        {
            if (EvidenceGlob.IsGlob(pattern))
            {
                var matches = EvidenceGlob.Match(baseDirectory, pattern);
                if (matches.Count == 0)
                {
                    findings.Add(new CheckFinding($"no file matches {pattern}", Position, "at least one Markdown file", "none"));
                }

                files.UnionWith(matches);
            }
            else if (File.Exists(context.ResolveEvidencePath(Phase, pattern)))
            {
                files.Add(context.ResolveEvidencePath(Phase, pattern));
            }
            else
            {
                findings.Add(new CheckFinding($"{pattern} does not exist", Position, "a Markdown file", "absent"));
            }
        }

        var parsed = new Dictionary<string, (MarkdownDocument, string, string?)>(StringComparer.Ordinal);
        var anchors = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var links = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (context.EvidenceEscape(Phase, file) is { } refusal)
            {
                findings.Add(CheckContext.EscapeFinding(refusal, file));
                continue;
            }

            var (document, _, notRegular) = Parse(file, parsed);
            if (notRegular is not null)
            {
                findings.Add(new CheckFinding($"{RelativePath.Shown(baseDirectory, file)} {notRegular}", SourcePosition.OfFile(file), "a Markdown file", "not a regular file"));
                continue;
            }

            foreach (var link in document.Descendants<LinkInline>())
            {
                if (link.Url is not { Length: > 0 } url || HasScheme().IsMatch(url) || url.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                links++;
                var problem = Resolve(file, url, baseDirectory, parsed, anchors);
                if (problem is not null)
                {
                    var position = new SourcePosition(file, link.Line + 1, link.Column + 1);
                    findings.Add(new CheckFinding($"{RelativePath.Shown(baseDirectory, file)}({position.Line},{position.Column}): {problem}", position, "a target that exists", url));
                }
            }
        }

        if (findings.Count == 0)
        {
            return ValueTask.FromResult(CheckEvaluation.Passed($"{DiagnosticText.Count(links, "relative link")} in {DiagnosticText.Count(files.Count, "file")} {(links == 1 ? "resolves" : "resolve")}"));
        }

        var message = findings.Count <= 3
            ? string.Join("; ", findings.Select(f => f.Message))
            : string.Join("; ", findings.Take(3).Select(f => f.Message)) + $"; and {findings.Count - 3} more";
        return ValueTask.FromResult(CheckEvaluation.Failed(message, findings));
    }

    private static string? Resolve(string file, string url, string baseDirectory, Dictionary<string, (MarkdownDocument, string, string?)> parsed, Dictionary<string, HashSet<string>> anchors)
    {
        var (target, pathPart, anchor) = Split(file, url, baseDirectory);
        if (pathPart.Length > 0 && !File.Exists(target) && !Directory.Exists(target))
        {
            return $"link to {url}: {pathPart} does not exist";
        }

        if (anchor.Length == 0 || !File.Exists(target) || !IsMarkdown(target))
        {
            return null;
        }

        if (!anchors.TryGetValue(target, out var known))
        {
            var (document, text, notRegular) = Parse(target, parsed);
            if (notRegular is not null)
            {
                return $"link to {url}: {pathPart} {notRegular}";
            }

            known = MarkdownAnchors.Of(document, text);
            anchors[target] = known;
        }

        return known.Contains(anchor) ? null : $"link to {url}: no heading or anchor #{anchor} in {Path.GetFileName(target)}";
    }

    /// <summary>The file a link names (the file itself for <c>#anchor</c>), its path part as written, and its anchor.</summary>
    private static (string Target, string PathPart, string Anchor) Split(string file, string url, string baseDirectory)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var pathPart = hash < 0 ? url : url[..hash];
        var anchor = hash < 0 ? "" : Uri.UnescapeDataString(url[(hash + 1)..]);
        var query = pathPart.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            pathPart = pathPart[..query];
        }

        pathPart = Uri.UnescapeDataString(pathPart);
        var target = pathPart.Length == 0 ? file
            : pathPart.StartsWith('/') ? Path.GetFullPath(pathPart.TrimStart('/'), baseDirectory)
            : Path.GetFullPath(pathPart, Path.GetDirectoryName(file)!);
        return (target, pathPart, anchor);
    }

    /// <summary>The parsed file, or an empty one and why it is not a regular file (a FIFO is refused, never read).</summary>
    private static (MarkdownDocument Document, string Text, string? NotRegular) Parse(string file, Dictionary<string, (MarkdownDocument, string, string?)> parsed)
    {
        if (!parsed.TryGetValue(file, out var entry))
        {
            var text = RegularFileText.TryRead(file, out var problem);
            entry = (Markdown.Parse(text ?? "", MarkdownAnchors.Pipeline), text ?? "", problem);
            parsed[file] = entry;
        }

        return entry;
    }

    private static bool IsMarkdown(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex HasScheme();
}
