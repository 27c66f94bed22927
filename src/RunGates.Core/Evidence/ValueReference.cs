using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// A reference to a value (REF), parsed from rungates.yml at load: a path in the same document, <c>@</c>/<c>@.x</c>
/// relative to the element under test, or <c>{ file: F, path: P }</c> naming another document
/// (<see cref="ReferenceFileKind"/>). <see cref="ReferenceResolver"/> is the one place that resolves it.
/// </summary>
/// <param name="File">Which document the path reads.</param>
/// <param name="Path">The path inside that document; <see cref="DocumentPath.Root"/> for <c>@</c> itself.</param>
/// <param name="Text">The reference as a message shows it: <c>@.log</c>, <c>spec:config/policy.json#safe_threshold</c>.</param>
/// <param name="Position">Where the reference is written in rungates.yml.</param>
public sealed record ValueReference(ReferenceFileKind File, DocumentPath Path, string Text, SourcePosition Position)
{
    public const string RunFile = "run";
    public const string SpecPrefix = "spec:";
    public const string BundlePrefix = "bundle:";

    /// <summary>The file's path: relative to the evidence folder, rungates.yml's folder, or the bundle; null for the same document, <c>@</c> and <c>run</c>.</summary>
    public string? FilePath { get; init; }

    /// <summary>For <see cref="ReferenceFileKind.Bundle"/>: <c>LATEST</c> or a run id under <c>run.bundles</c>.</summary>
    public string? BundleId { get; init; }

    /// <summary>
    /// For a <c>bundle:LATEST</c> REF written with <c>if-none: pass</c>: the matcher holds when no earlier bundle exists
    /// at all (a first run). A LATEST that names a bundle that is uncommitted, invalidated or fails its digests still fails.
    /// </summary>
    public bool IfNone { get; init; }

    /// <summary>For <see cref="ReferenceFileKind.FileName"/>: the whole name (<c>name</c>) or the name without its last extension (<c>base</c>).</summary>
    public bool WholeFileName { get; init; }

    /// <summary>For <see cref="ReferenceFileKind.FileName"/>: a prefix the name must start with, removed from the value (<c>INFEASIBLE-</c>).</summary>
    public string? StripPrefix { get; init; }

    /// <summary>Whether the reference reads a document other than the one under test (or its file name).</summary>
    public bool IsExternal => File is not (ReferenceFileKind.SameDocument or ReferenceFileKind.Element);

    /// <summary>The reference's value may be several (a <c>[*]</c> or filter in its path).</summary>
    public bool SelectsMany => Path.HasWildcard;

    /// <summary>
    /// Parses the string form: <c>@</c>, <c>@.x.y</c>, <c>@[0]</c>, or a path from the document root. A path that selects
    /// many values is allowed here; the matcher decides whether it must name exactly one.
    /// </summary>
    public static bool TryParse(string text, SourcePosition position, out ValueReference reference, out string error)
    {
        reference = null!;
        if (text.Length > 0 && text[0] == '@')
        {
            var rest = text.Length > 1 && text[1] == '.' ? text[2..] : text[1..];
            var path = DocumentPath.Root;
            if (rest.Length > 0 && !DocumentPath.TryParse(rest, out path, out error))
            {
                return false;
            }

            if (text.Length > 1 && text[1] is not ('.' or '['))
            {
                error = "after '@' expected '.' or '['";
                return false;
            }

            error = "";
            reference = new ValueReference(ReferenceFileKind.Element, path, text, position);
            return true;
        }

        if (!DocumentPath.TryParse(text, out var rooted, out error))
        {
            return false;
        }

        reference = new ValueReference(ReferenceFileKind.SameDocument, rooted, text, position);
        return true;
    }

    /// <summary>
    /// Parses the map form's <c>file</c> (evidence path, <c>run</c>, <c>spec:F</c>, <c>bundle:ID/F</c>) and <c>path</c>.
    /// Path safety of F is the evidence rule (relative, no <c>..</c>) for <c>bundle:</c>; other files resolve as <c>file:</c> does.
    /// </summary>
    public static bool TryParseFile(string file, string pathText, SourcePosition position, out ValueReference reference, out string error)
    {
        reference = null!;
        if (!DocumentPath.TryParse(pathText, out var path, out error))
        {
            error = $"path '{pathText}': {error}";
            return false;
        }

        var text = file + "#" + pathText;
        if (file == RunFile)
        {
            reference = new ValueReference(ReferenceFileKind.Run, path, text, position);
            return true;
        }

        if (file.StartsWith(SpecPrefix, StringComparison.Ordinal))
        {
            var spec = file[SpecPrefix.Length..];
            if (spec.Length == 0)
            {
                error = "expected spec:<path relative to rungates.yml's folder>, found no path after 'spec:'";
                return false;
            }

            reference = new ValueReference(ReferenceFileKind.Spec, path, text, position) { FilePath = spec };
            return true;
        }

        if (file.StartsWith(BundlePrefix, StringComparison.Ordinal))
        {
            if (!TryParseBundleFile(file, out var id, out var inner, out error))
            {
                return false;
            }

            reference = new ValueReference(ReferenceFileKind.Bundle, path, text, position) { FilePath = inner, BundleId = id };
            return true;
        }

        if (file.Length == 0)
        {
            error = "expected a file (an evidence path, run, spec:<path> or bundle:<LATEST|id>/<path>), found an empty string";
            return false;
        }

        reference = new ValueReference(ReferenceFileKind.Evidence, path, text, position) { FilePath = file };
        return true;
    }

    /// <summary>
    /// The one rule for <c>bundle:&lt;LATEST|run id&gt;/&lt;path&gt;</c>, for REFs and for <c>ledger:</c> files: an id that
    /// is no <c>.</c>, <c>..</c> or backslash, and a path inside the bundle by the evidence rule (relative, no <c>..</c>).
    /// </summary>
    public static bool TryParseBundleFile(string file, out string id, out string inner, out string error)
    {
        id = inner = "";
        var rest = file.StartsWith(BundlePrefix, StringComparison.Ordinal) ? file[BundlePrefix.Length..] : file;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1)
        {
            error = $"expected bundle:<LATEST or run id>/<path inside the bundle>, found '{file}'";
            return false;
        }

        id = rest[..slash];
        inner = rest[(slash + 1)..];
        if (id is "." or ".." || id.Contains('\\', StringComparison.Ordinal))
        {
            error = $"expected a run id or LATEST after 'bundle:', found '{id}'";
            return false;
        }

        if (Ledgers.RootedPath.Refusal(inner) is { } refusal)
        {
            error = $"'{inner}' cannot be read inside a bundle: {refusal}";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>
    /// The file-name form, <c>{ file-name: base | name, strip-prefix: P }</c>: <c>base</c> is the name without its last
    /// extension (<c>power</c> for power.yaml), <c>name</c> the whole name.
    /// </summary>
    public static bool TryParseFileName(string part, string? stripPrefix, SourcePosition position, out ValueReference reference, out string error)
    {
        reference = null!;
        error = "";
        if (part is not ("base" or "name"))
        {
            error = $"expected file-name: base (the name without its extension) or file-name: name (the whole name), found '{part}'";
            return false;
        }

        if (stripPrefix is { Length: 0 })
        {
            error = "expected a non-empty strip-prefix";
            return false;
        }

        var text = "file-name:" + part + (stripPrefix is null ? "" : " without " + stripPrefix);
        reference = new ValueReference(ReferenceFileKind.FileName, DocumentPath.Root, text, position) { WholeFileName = part == "name", StripPrefix = stripPrefix };
        return true;
    }

    public override string ToString() => Text;
}
