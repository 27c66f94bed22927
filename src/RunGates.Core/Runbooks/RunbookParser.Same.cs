using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>same:</c> check: two or more documents and a path into each.</summary>
internal sealed partial class RunbookParser
{
    private List<SameSource>? ParseSame(YamlNode node, Phase phase)
    {
        if (Sequence(node, "same", "a list of { <document>: <path> } entries") is not { } items)
        {
            return null;
        }

        var sources = new List<SameSource>();
        foreach (var item in items)
        {
            if (item is not YamlMappingNode { Children.Count: 1 } entry)
            {
                WrongType(item, "an entry of same", "a mapping with one document and its path, e.g. { diagnostics.json: seed }", "Use { run: seed } for the run's own run.json.");
                continue;
            }

            var (key, value) = entry.Children.First();
            var file = KeyText(key);
            if (Text(value, file) is not { } pathText || (file != SameSource.RunDocument && Contained(key, file, "an entry of same", EvidenceRoot(phase)) is null))
            {
                continue;
            }

            if (!DocumentPath.TryParse(pathText, out var path, out var problem))
            {
                Error(PathDiagnostic(problem, DiagnosticCatalog.InvalidPath), value, $"expected a document path (a.b[0].c or /a/b), found '{pathText}': {problem}", "Write the path into the document, e.g. meta.seed.");
                continue;
            }

            if (!NoOuter(value, path, "an entry of same"))
            {
                continue;
            }

            sources.Add(new SameSource(file, path, At(key)));
        }

        if (items.Count < 2)
        {
            WrongType(node, "same", "at least two sources to compare");
            return null;
        }

        return sources;
    }
}
