using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>
/// References (REF): <c>a.b</c>, <c>/a/b</c>, <c>@</c>, <c>@.x</c>, <c>{ file: F, path: P, if-none: pass }</c> or
/// <c>{ file-name: base | name, strip-prefix: S }</c>; parsed at load, with positions.
/// </summary>
internal sealed partial class RunbookParser
{
    private static readonly string[] ReferenceKeys = ["file", "path", "if-none"];
    private static readonly string[] FileNameKeys = ["file-name", "strip-prefix"];

    /// <summary>
    /// A REF for <paramref name="what"/> (a matcher key, or a check's key). <paramref name="hasElement"/> says whether
    /// the tested path selects an element (<c>[*]</c> or a filter) that <c>@</c> may name; <paramref name="ofFieldMatcher"/>
    /// whether it is the REF of a -field matcher, the only place a join (<c>^</c>), <c>if-none</c> and <c>file-name</c>
    /// mean something. Malformed: RG1017; <c>@</c> without an element: RG1018; <c>run</c> in pre-flight: RG1019;
    /// <c>*~</c> not last: RG1023; <c>^</c> elsewhere: RG1024; <c>if-none</c> misused: RG1025; <c>file-name</c>: RG1026.
    /// </summary>
    internal ValueReference? Reference(YamlNode value, string what, Phase phase, bool hasElement, bool ofFieldMatcher = false)
    {
        ValueReference? reference = null;
        switch (value)
        {
            case YamlScalarNode scalar when YamlEvidenceConverter.Classify(scalar).Kind == EvidenceNodeKind.String:
                var text = Text(value, what) ?? "";
                if (!ValueReference.TryParse(text, At(value), out reference, out var error))
                {
                    Error(PathDiagnostic(error, DiagnosticCatalog.InvalidReference), value, $"expected a reference for {what} (a.b, /a/b, @.x or {{ file: F, path: P }}), found '{text}': {error}", "A string names a path in the same document; @ the element a [*] or filter selects.");
                    return null;
                }

                break;
            case YamlMappingNode map when map.Children.Keys.Any(k => KeyText(k) == "file-name"):
                reference = FileNameReference(map, what, ofFieldMatcher);
                break;
            case YamlMappingNode map:
                reference = FileReference(map, what, phase, ofFieldMatcher);
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

        if (reference.Path.UsesOuter && !ofFieldMatcher)
        {
            Error(DiagnosticCatalog.OuterOutsideReference, value, $"expected '^' (the outer element of a join) only in the REF of a -field matcher, found '{reference.Path.Text}' for {what}", "^ names the element under test where the REF is written; here there is none. Use $ for the document's root.");
            return null;
        }

        return reference;
    }

    /// <summary>
    /// RG1023 for a path error about <c>*~</c>, RG1024 for <c>^</c> where no outer element exists, else
    /// <paramref name="otherwise"/>: each misuse of these constructs has a code (and a page) of its own.
    /// </summary>
    private static RunGatesDiagnostic PathDiagnostic(string problem, RunGatesDiagnostic otherwise) =>
        problem.Contains("'*~'", StringComparison.Ordinal) ? DiagnosticCatalog.KeysNotLast : otherwise;

    /// <summary>
    /// RG1024 when a path that is no REF (a tested path, a same:, ledger or covers path) compares with <c>^</c>: only a
    /// -field matcher's REF has an outer element. True when the path may be used.
    /// </summary>
    private bool NoOuter(YamlNode node, DocumentPath path, string what)
    {
        if (!path.UsesOuter)
        {
            return true;
        }

        Error(DiagnosticCatalog.OuterOutsideReference, node, $"expected '^' (the outer element of a join) only in the REF of a -field matcher, found '{path.Text}' for {what}", "Inside a tested path, compare with @.field (the candidate) or $.path (the document root); a join is written in the REF: { equals-field: { file: F, path: \"results[?probe==^.probe].observed\" } }.");
        return false;
    }

    private ValueReference? FileNameReference(YamlMappingNode map, string what, bool ofFieldMatcher)
    {
        var before = Errors.Count;
        if (Map(map, $"the file-name reference of {what}", FileNameKeys) is not { } fields || Errors.Count > before)
        {
            return null;
        }

        if (!ofFieldMatcher)
        {
            Error(DiagnosticCatalog.InvalidFileNameReference, map, $"expected file-name: only in the REF of a -field matcher (equals-field, in-field, ...), found it for {what}", "file-name names the file of the document under test; here there is no document under test.");
            return null;
        }

        fields.TryGet("file-name", out var partNode);
        var part = Text(partNode!, "file-name");
        string? prefix = null;
        if (fields.TryGet("strip-prefix", out var prefixNode) && (prefix = Text(prefixNode, "strip-prefix")) is null)
        {
            return null;
        }

        if (part is null)
        {
            return null;
        }

        if (!ValueReference.TryParseFileName(part, prefix, At(map), out var reference, out var error))
        {
            Error(DiagnosticCatalog.InvalidFileNameReference, prefix is { Length: 0 } ? prefixNode! : partNode!, $"expected a file-name reference for {what}: {error}", "Write { file-name: base } (power for power.yaml) or { file-name: base, strip-prefix: INFEASIBLE- }.");
            return null;
        }

        return reference;
    }

    private ValueReference? FileReference(YamlMappingNode map, string what, Phase phase, bool ofFieldMatcher)
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
            Error(PathDiagnostic(error, DiagnosticCatalog.InvalidReference), error.StartsWith("path ", StringComparison.Ordinal) ? pathNode : fileNode, $"expected a reference {{ file, path }} for {what}, found file '{file}', path '{path}': {error}", "file is an evidence path, run, spec:<path> or bundle:<LATEST|run id>/<path>.");
            return null;
        }

        if (fields.TryGet("if-none", out var ifNoneNode))
        {
            if (IfNone(ifNoneNode, reference, what, ofFieldMatcher) is not { } marked)
            {
                return null;
            }

            reference = marked;
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

    /// <summary>
    /// <c>if-none: pass</c> (RG1025 otherwise): only <c>pass</c>, only on <c>bundle:LATEST</c>, only in a -field matcher.
    /// A run id names one bundle, which must exist; LATEST may have none yet (a first run).
    /// </summary>
    private ValueReference? IfNone(YamlNode node, ValueReference reference, string what, bool ofFieldMatcher)
    {
        if (!IfNoneAllowed(node, reference.File == ReferenceFileKind.Bundle ? reference.BundleId : null, reference.Text, what, ofFieldMatcher))
        {
            return null;
        }

        // The text says so wherever the REF is shown (messages, explain): the comparison is conditional.
        return reference with { IfNone = true, Text = reference.Text + " if-none: pass" };
    }

    /// <summary>
    /// The one <c>if-none</c> rule (RG1025), for REFs and <c>ledger:</c> files: only <c>pass</c>, only on a
    /// <c>bundle:LATEST/...</c> file (<paramref name="bundleId"/>, null for a file that is no bundle's), and only where
    /// a first run can hold (<paramref name="allowedHere"/>: a -field matcher's REF, a <c>ledger:</c> check). True when it may be used.
    /// </summary>
    private bool IfNoneAllowed(YamlNode node, string? bundleId, string written, string what, bool allowedHere)
    {
        var text = node is YamlScalarNode scalar ? scalar.Value : null;
        string? problem = text != "pass" ? $"expected if-none: pass, found {Describe(node)}"
            : bundleId != "LATEST" ? $"expected if-none only on a bundle:LATEST/... file, found it on '{written}'"
            : !allowedHere ? $"expected if-none only in the REF of a -field matcher or in a ledger: check, found it for {what}"
            : null;
        if (problem is null)
        {
            return true;
        }

        Error(DiagnosticCatalog.InvalidIfNone, node, problem + $" ({what})", "if-none: pass lets a bundle:LATEST comparison or ledger hold on a first run; an earlier bundle that exists is still read strictly.");
        return false;
    }
}
