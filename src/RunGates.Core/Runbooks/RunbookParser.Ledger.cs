using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>
/// The <c>ledger:</c> check: a ledger file's path, or a map that also asks for a complete ledger, reads a JSON index,
/// verifies only some entries (<c>include</c>) or reads the ledger of a committed earlier bundle (<c>bundle:</c>, <c>if-none</c>).
/// </summary>
internal sealed partial class RunbookParser
{
    private LedgerCheck? ParseLedgerCheck(YamlNode value, Phase phase, SourcePosition position)
    {
        if (value is YamlScalarNode)
        {
            return Text(value, "ledger") is { } ledger && NonEmpty(value, ledger, "ledger", "the path of a SHA256SUMS file") && LedgerFile(value, ledger, "ledger", phase, out var fromBundle)
                ? new LedgerCheck { Id = "", Phase = phase, Position = position, Ledger = ledger, FromBundle = fromBundle }
                : null;
        }

        if (value is not YamlMappingNode)
        {
            WrongType(value, "ledger", "the path of a SHA256SUMS file, or a mapping (keys: " + string.Join(", ", RunbookKeys.LedgerCheck) + ")", "Write ledger: SHA256SUMS, or ledger: { file: SHA256SUMS, unlisted: fail }.");
            return null;
        }

        var map = Map(value, "ledger", RunbookKeys.LedgerCheck);
        if (map is null)
        {
            return null;
        }

        var file = RequiredText(map, value, "file", "ledger", "Name the ledger file: ledger: { file: SHA256SUMS }.");
        LedgerBundleFile? bundle = null;
        if (file is not null && map.TryGet("file", out var fileNode) && !LedgerFile(fileNode, file, "ledger.file", phase, out bundle))
        {
            file = null;
        }

        if (map.TryGet("if-none", out var ifNoneNode) && file is not null
            && IfNoneAllowed(ifNoneNode, bundle?.BundleId, file, "ledger.file", allowedHere: true) && bundle is not null)
        {
            bundle = bundle with { IfNone = true };
        }

        var check = new LedgerCheck { Id = "", Phase = phase, Position = position, Ledger = file ?? "", FromBundle = bundle };
        if (map.TryGet("root", out var rootNode) && Text(rootNode, "root") is { } root && NonEmpty(rootNode, root, "root", "a folder path")
            && Contained(rootNode, root, "ledger.root", EvidenceRoot(phase)) is not null)
        {
            check = check with { Root = root };
        }

        if (map.TryGet("unlisted", out var unlistedNode) && Choice(unlistedNode, "unlisted", RunbookKeys.Unlisted) is { } unlisted)
        {
            check = check with { FailUnlisted = unlisted == "fail" };
        }

        if (map.TryGet("exclude", out var excludeNode) && Globs(excludeNode, "exclude") is { } exclude)
        {
            check = check with { Exclude = exclude };
        }

        if (map.TryGet("include", out var includeNode) && Globs(includeNode, "include", nonEmpty: true) is { } include)
        {
            check = check with { Include = include };
        }

        if (map.TryGet("format", out var formatNode) && Choice(formatNode, "format", RunbookKeys.LedgerFormats) is { } format)
        {
            check = check with { Format = format == "json" ? LedgerFormat.Json : LedgerFormat.Sha256Sum };
        }

        var jsonKeys = map.Entries.Where(e => e.Key is "entries" or "path" or "sha256").ToList();
        if (check.Format == LedgerFormat.Sha256Sum)
        {
            foreach (var (key, keyNode, _) in jsonKeys)
            {
                Error(DiagnosticCatalog.InvalidLedgerCheck, keyNode, $"expected '{key}' only with format: json, found it in a sha256sum ledger", "Add format: json to read a JSON digest index, or remove the key.");
            }
        }
        else
        {
            if (!map.TryGet("entries", out var entriesNode))
            {
                Error(DiagnosticCatalog.InvalidLedgerCheck, value, "expected 'entries' (the path selecting the entry records) with format: json, found none", "Write e.g. entries: \"artifacts[*]\".");
            }
            else if (LedgerPath(entriesNode, "entries") is { } entries)
            {
                check = check with { Entries = entries };
            }

            if (map.TryGet("path", out var pathNode) && LedgerPath(pathNode, "path", single: true) is { } entryPath)
            {
                check = check with { EntryPath = entryPath };
            }

            if (map.TryGet("sha256", out var shaNode) && LedgerPath(shaNode, "sha256", single: true) is { } entrySha)
            {
                check = check with { EntrySha256 = entrySha };
            }
        }

        return file is null ? null : check;
    }

    /// <summary>
    /// A ledger file: an evidence path below <paramref name="phase"/>'s root (RG1040), or <c>bundle:&lt;LATEST|run id&gt;/&lt;path&gt;</c>
    /// by the one rule <c>bundle:</c> REFs follow (<see cref="ValueReference.TryParseBundleFile"/>; RG1060 when it does not).
    /// </summary>
    private bool LedgerFile(YamlNode node, string file, string what, Phase phase, out LedgerBundleFile? bundle)
    {
        bundle = null;
        if (!file.StartsWith(ValueReference.BundlePrefix, StringComparison.Ordinal))
        {
            return Contained(node, file, what, EvidenceRoot(phase)) is not null;
        }

        if (!ValueReference.TryParseBundleFile(file, out var id, out var inner, out var error))
        {
            Error(DiagnosticCatalog.InvalidBundleLedger, node, $"expected {what} bundle:<LATEST or run id>/<ledger path inside the bundle>: {error}", "Write e.g. file: bundle:LATEST/SHA256SUMS (the ledger the last committed run wrote), or bundle:<run id>/SHA256SUMS.");
            return false;
        }

        bundle = new LedgerBundleFile(id, inner, IfNone: false);
        return true;
    }

    /// <summary>One of <paramref name="allowed"/>, with a did-you-mean for anything else.</summary>
    private string? Choice(YamlNode node, string what, IReadOnlyList<string> allowed)
    {
        if (Text(node, what) is not { } text)
        {
            return null;
        }

        if (allowed.Contains(text))
        {
            return text;
        }

        var suggestion = KeySuggestion.Closest(text, allowed);
        Error(DiagnosticCatalog.InvalidValue, node, $"expected {string.Join(" or ", allowed)} for {what}, found '{text}'", suggestion is null ? $"The default is {allowed[^1]}." : $"Did you mean '{suggestion}'?");
        return null;
    }

    private DocumentPath? LedgerPath(YamlNode node, string what, bool single = false)
    {
        if (Text(node, what) is not { } text || !NonEmpty(node, text, what, "a document path"))
        {
            return null;
        }

        if (!DocumentPath.TryParse(text, out var path, out var problem))
        {
            Error(PathDiagnostic(problem, DiagnosticCatalog.InvalidPath), node, $"expected a document path (a.b[0].c, a[*].c or /a/b) for {what}, found '{text}': {problem}", "Quote paths that hold [ or *, e.g. \"artifacts[*]\".");
            return null;
        }

        if (!NoOuter(node, path, what))
        {
            return null;
        }

        if (single && path.HasWildcard)
        {
            Error(DiagnosticCatalog.InvalidLedgerCheck, node, $"expected a path to one value inside each entry for {what}, found '{text}' with [*]", $"Write the field's path inside an entry, e.g. {what}: {what}.");
            return null;
        }

        return path;
    }
}
