using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>covers:</c> check: <c>values</c> (a literal list or a <c>{ file, path }</c> reference) and its <c>by</c> sources.</summary>
internal sealed partial class RunbookParser
{
    private CoversCheck? ParseCovers(YamlNode value, Phase phase, SourcePosition position)
    {
        var map = Map(value, "covers", RunbookKeys.Covers);
        if (map is null)
        {
            return null;
        }

        IReadOnlyList<EvidenceNode>? literal = null;
        ValueReference? valuesFrom = null;
        if (!map.TryGet("values", out var valuesNode))
        {
            Error(DiagnosticCatalog.InvalidCovers, value, "expected a 'values' key in covers (a list, or { file, path }), found none", "Write values: [a, b] or values: { file: spec:story.yml, path: \"required[*]\" }.");
        }
        else if (valuesNode is YamlSequenceNode items)
        {
            literal = items.Children.Select(Value).ToList();
            foreach (var item in items.Children.Where(i => i is not YamlScalarNode))
            {
                Error(DiagnosticCatalog.InvalidCovers, item, $"expected a value (a string or number) in covers.values, found {Describe(item)}", "Each value is what a record's key must equal.");
            }

            if (items.Children.Count == 0)
            {
                Error(DiagnosticCatalog.InvalidCovers, valuesNode, "expected at least one value in covers.values, found an empty list", "A coverage check with nothing to cover certifies nothing; list the values.");
            }
        }
        else if (valuesNode is YamlMappingNode)
        {
            valuesFrom = Reference(valuesNode, "covers.values", phase, hasElement: false);
        }
        else
        {
            Error(DiagnosticCatalog.InvalidCovers, valuesNode, $"expected a list of values or {{ file, path }} for covers.values, found {Describe(valuesNode)}", "Write values: [a, b] or values: { file: spec:story.yml, path: \"required[*]\" }.");
        }

        var by = new List<CoverageSource>();
        if (!map.TryGet("by", out var byNode))
        {
            Error(DiagnosticCatalog.InvalidCovers, value, "expected a 'by' key in covers (one source or a list of them), found none", "Write by: { each: records/*.yaml, key: name }.");
        }
        else if (byNode is YamlSequenceNode sources)
        {
            if (sources.Children.Count == 0)
            {
                Error(DiagnosticCatalog.InvalidCovers, byNode, "expected at least one source in covers.by, found an empty list", "Write by: { each: records/*.yaml, key: name }.");
            }

            by.AddRange(sources.Children.Select((s, i) => ParseCoverageSource(s, $"covers.by[{i}]", phase)).OfType<CoverageSource>());
        }
        else if (ParseCoverageSource(byNode, "covers.by", phase) is { } single)
        {
            by.Add(single);
        }

        return (literal is null && valuesFrom is null) || by.Count == 0
            ? null
            : new CoversCheck { Id = "", Phase = phase, Position = position, Values = literal, ValuesFrom = valuesFrom, By = by };
    }

    private CoverageSource? ParseCoverageSource(YamlNode node, string what, Phase phase)
    {
        if (node is not YamlMappingNode)
        {
            Error(DiagnosticCatalog.InvalidCovers, node, $"expected a source {{ each, key }} or {{ file, path, key }} for {what}, found {Describe(node)}", "Write { each: records/*.yaml, key: name } or { file: index.json, path: \"items[*]\", key: name }.");
            return null;
        }

        var map = Map(node, what, RunbookKeys.CoverageSource);
        if (map is null)
        {
            return null;
        }

        var before = Errors.Count;
        var hasEach = map.TryGet("each", out var eachNode);
        var hasFile = map.TryGet("file", out var fileNode);
        var hasPath = map.TryGet("path", out var pathNode);
        string? each = null;
        ValueReference? records = null;
        if (hasEach == hasFile)
        {
            Error(DiagnosticCatalog.InvalidCovers, hasEach ? fileNode! : node, $"expected exactly one of each or file in {what}, found {(hasEach ? "both" : "neither")}", "each: GLOB reads every matching document as a record; file: F with path: P the records P selects in F.");
        }
        else if (hasEach)
        {
            each = Glob(eachNode!, "each");
            if (hasPath)
            {
                Error(DiagnosticCatalog.InvalidCovers, pathNode!, $"expected path only beside file in {what}, found it beside each", "Each document of each: is one record; to select records inside one document use file: and path:.");
            }
        }
        else if (!hasPath)
        {
            Error(DiagnosticCatalog.InvalidCovers, node, $"expected a 'path' selecting the records beside file in {what}, found none", "Write e.g. path: \"channels[*]\".");
        }
        else if (Text(fileNode!, "file") is { } file && Text(pathNode!, "path") is { } pathText)
        {
            if (!ValueReference.TryParseFile(file, pathText, At(node), out var reference, out var error))
            {
                Error(PathDiagnostic(error, DiagnosticCatalog.InvalidReference), error.StartsWith("path ", StringComparison.Ordinal) ? pathNode! : fileNode!, $"expected a reference {{ file, path }} for {what}, found file '{file}', path '{pathText}': {error}", "file is an evidence path, run, spec:<path> or bundle:<LATEST|run id>/<path>.");
            }
            else if (reference.File == ReferenceFileKind.Run && phase == Phase.Preflight)
            {
                Error(DiagnosticCatalog.RunReferenceInPreflight, fileNode!, $"expected file: run only in a gate, found it in pre-flight for {what}", "run.json is written when the run starts, after pre-flight; move the check to gates.");
            }
            else if (NoOuter(pathNode!, reference.Path, what))
            {
                records = reference;
            }
        }

        DocumentPath? key = null;
        if (!map.TryGet("key", out var keyNode))
        {
            Error(DiagnosticCatalog.InvalidCovers, node, $"expected a 'key' (the path of each record's key) in {what}, found none", "Write e.g. key: value_name.");
        }
        else if (Text(keyNode, "key") is { } keyText && NonEmpty(keyNode, keyText, "key", "a document path"))
        {
            if (DocumentPath.TryParse(keyText, out var parsed, out var problem))
            {
                key = NoOuter(keyNode, parsed, "key in " + what) ? parsed : null;
            }
            else
            {
                Error(PathDiagnostic(problem, DiagnosticCatalog.InvalidPath), keyNode, $"expected a document path (a.b[0].c or /a/b) for key in {what}, found '{keyText}': {problem}", "The key's path is relative to the record.");
            }
        }

        var where = map.TryGet("where", out var whereNode) ? Expectations(whereNode, "where", phase, onRecord: true) : [];
        return Errors.Count > before || key is null || (each is null && records is null)
            ? null
            : new CoverageSource { Each = each, Records = records, Key = key, Where = where, Position = At(node) };
    }
}
