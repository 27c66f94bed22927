using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>References (REF): <c>a.b</c>, <c>/a/b</c>, <c>@</c>, <c>@.x</c>, or <c>{ file: F, path: P }</c>; parsed at load, with positions.</summary>
internal sealed partial class RunbookParser
{
    private static readonly string[] ReferenceKeys = ["file", "path"];

    /// <summary>
    /// A REF for <paramref name="what"/> (a matcher key, or a check's key). <paramref name="hasElement"/> says whether
    /// the tested path selects an element (<c>[*]</c> or a filter) that <c>@</c> may name. Malformed: RG1017; <c>@</c>
    /// without an element: RG1018; <c>run</c> in pre-flight: RG1019.
    /// </summary>
    internal ValueReference? Reference(YamlNode value, string what, Phase phase, bool hasElement)
    {
        ValueReference? reference = null;
        switch (value)
        {
            case YamlScalarNode scalar when YamlEvidenceConverter.Classify(scalar).Kind == EvidenceNodeKind.String:
                var text = Text(value, what) ?? "";
                if (!ValueReference.TryParse(text, At(value), out reference, out var error))
                {
                    Error(DiagnosticCatalog.InvalidReference, value, $"expected a reference for {what} (a.b, /a/b, @.x or {{ file: F, path: P }}), found '{text}': {error}", "A string names a path in the same document; @ the element a [*] or filter selects.");
                    return null;
                }

                break;
            case YamlMappingNode map:
                reference = FileReference(map, what, phase);
                break;
            default:
                Error(DiagnosticCatalog.InvalidReference, value, $"expected a reference for {what} (a path string, or {{ file: F, path: P }}), found {Describe(value)}", "Write e.g. min-field: limits.max or min-field: { file: spec:policy.json, path: threshold }.");
                return null;
        }

        if (reference is null)
        {
            return null;
        }

        if (reference.File == ReferenceFileKind.Element && !hasElement)
        {
            Error(DiagnosticCatalog.ElementReferenceOutsideSelection, value, $"expected '@' only under a path with [*] or a filter, found '{reference.Text}' for {what} in a path that selects no element", "Write the path from the document root instead, or test the elements with [*].");
            return null;
        }

        if (reference.File == ReferenceFileKind.Run && phase == Phase.Preflight)
        {
            Error(DiagnosticCatalog.RunReferenceInPreflight, value, $"expected file: run only in a gate, found it in pre-flight for {what}", "run.json is written when the run starts, after pre-flight; move the check to gates.");
            return null;
        }

        return reference;
    }

    private ValueReference? FileReference(YamlMappingNode map, string what, Phase phase)
    {
        var before = Errors.Count;
        if (Map(map, $"the reference of {what}", ReferenceKeys) is not { } fields || Errors.Count > before)
        {
            return null;
        }

        if (!fields.TryGet("file", out var fileNode) || !fields.TryGet("path", out var pathNode))
        {
            Error(DiagnosticCatalog.InvalidReference, map, $"expected both file and path in the reference of {what}, found {string.Join(" and ", fields.Entries.Select(e => e.Key).DefaultIfEmpty("neither"))}", "Write { file: <evidence path | run | spec:<path> | bundle:<LATEST|id>/<path>>, path: <path in it> }.");
            return null;
        }

        if (Text(fileNode, "file") is not { } file || Text(pathNode, "path") is not { } path)
        {
            return null;
        }

        if (!ValueReference.TryParseFile(file, path, At(map), out var reference, out var error))
        {
            Error(DiagnosticCatalog.InvalidReference, error.StartsWith("path ", StringComparison.Ordinal) ? pathNode : fileNode, $"expected a reference {{ file, path }} for {what}, found file '{file}', path '{path}': {error}", "file is an evidence path, run, spec:<path> or bundle:<LATEST|run id>/<path>.");
            return null;
        }

        // The one path rule of rungates.yml (RG1040): an evidence or spec: file stays below the folder it is relative to.
        var root = reference.File switch
        {
            ReferenceFileKind.Evidence => EvidenceRoot(phase),
            ReferenceFileKind.Spec => "the folder holding rungates.yml",
            _ => null,
        };
        return root is null || Contained(fileNode, reference.FilePath!, "the file of a reference", root) is not null ? reference : null;
    }
}
