using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The checks under <c>preflight</c> and <c>gates</c>, one kind each.</summary>
internal sealed partial class RunbookParser
{
    private List<(Check Check, YamlNode IdNode)> ParseChecks(YamlNode node, Phase phase)
    {
        var checks = new List<(Check, YamlNode)>();
        var phaseName = phase == Phase.Preflight ? "preflight" : "gates";
        if (Sequence(node, phaseName, "a list of checks") is not { } sequence)
        {
            return checks;
        }

        foreach (var item in sequence)
        {
            if (ParseCheck(item, phase) is { } check)
            {
                checks.Add(check);
            }
        }

        return checks;
    }

    private (Check Check, YamlNode IdNode)? ParseCheck(YamlNode node, Phase phase)
    {
        var map = Map(node, "a check", RunbookKeys.AllCheckKeys);
        if (map is null)
        {
            return null;
        }

        var id = RequiredText(map, node, "id", "a check", "Give every check an id; reports, waivers and `rungates explain` name it.");
        map.TryGet("id", out var idNode);
        if (id is not null && idNode is not null && !FileNameId(idNode, id, "check"))
        {
            id = null;
        }

        var severity = Severity.Required;
        if (map.TryGet("severity", out var severityNode) && Text(severityNode, "severity") is { } severityText)
        {
            switch (severityText)
            {
                case "blocker": severity = Severity.Blocker; break;
                case "required": severity = Severity.Required; break;
                case "advisory": severity = Severity.Advisory; break;
                default:
                    var suggestion = KeySuggestion.Closest(severityText, RunbookKeys.Severities);
                    Error(DiagnosticCatalog.InvalidValue, severityNode, $"expected blocker, required or advisory, found '{severityText}'", suggestion is null ? "The default is required." : $"Did you mean '{suggestion}'?");
                    break;
            }
        }

        if (id is not null && idNode is not null)
        {
            _headers.Add(new CheckHeader(id, idNode, severity));
        }

        var description = map.TryGet("description", out var descriptionNode) ? Text(descriptionNode, "description") : null;
        var kinds = map.Entries.Where(e => RunbookKeys.Kinds.Contains(e.Key)).ToList();
        var label = id is null ? "this check" : $"check '{id}'";
        if (kinds.Count == 0)
        {
            if (map.Has("file") || map.Has("each"))
            {
                Error(DiagnosticCatalog.MissingKey, node, $"expected an 'expect' map in {label} beside file/each, found none", "Add expect: { <path>: <value> }.");
            }
            else
            {
                Error(DiagnosticCatalog.AmbiguousCheckKind, node, $"expected one of {string.Join(", ", RunbookKeys.Kinds)} in {label}, found none", "Each check does exactly one thing; add the key that says what.");
            }

            return null;
        }

        if (kinds.Count > 1)
        {
            Error(DiagnosticCatalog.AmbiguousCheckKind, kinds[1].KeyNode, $"expected one kind in {label}, found '{kinds[0].Key}' (line {kinds[0].KeyNode.Start.Line}) and '{kinds[1].Key}' (line {kinds[1].KeyNode.Start.Line})", "Split it into two checks with their own ids.");
            return null;
        }

        var (kind, kindKey, value) = kinds[0];
        var allowed = RunbookKeys.CheckCommon.Append(kind).Concat(RunbookKeys.Companions(kind)).ToList();
        foreach (var (key, keyNode, _) in map.Entries)
        {
            if (!allowed.Contains(key))
            {
                Error(DiagnosticCatalog.UnknownKey, keyNode, $"'{key}' is not a key of a {kind} check: expected one of {string.Join(", ", allowed)}, found '{key}'", $"Remove it; '{key}' belongs to {OwnerOf(key)} checks.");
            }
        }

        var position = At(idNode ?? node);
        var before = Errors.Count;
        var countsAs = RunbookKeys.Companions(kind).Contains("infeasible") ? ParseInfeasible(map, label) : InfeasibleCountsAs.Incomplete;
        Check? check = kind switch
        {
            "files" => Globs(value, "files", nonEmpty: true) is { } paths
                ? new FilesCheck { Id = "", Phase = phase, Position = position, Paths = paths } : null,
            "expect" => ParseExpect(map, node, value, phase, position, label),
            "same" => ParseSame(value, phase) is { } sources
                ? new SameCheck { Id = "", Phase = phase, Position = position, Sources = sources } : null,
            "tools" => ParseTools(value) is { } tools
                ? new ToolsCheck { Id = "", Phase = phase, Position = position, Tools = tools } : null,
            "env" => TextList(value, "env", "an environment variable name", nonEmpty: true) is { } variables
                ? new EnvCheck { Id = "", Phase = phase, Position = position, Variables = variables } : null,
            "links" => Globs(value, "links", nonEmpty: true) is { } patterns
                ? new LinksCheck { Id = "", Phase = phase, Position = position, Patterns = patterns } : null,
            "command" => ParseCommand(map, value, phase, position),
            "ledger" => ParseLedgerCheck(value, phase, position),
            "reproducible" => ParseReproducible(value, phase, position),
            "approvals" => ParseApprovals(value, phase, position),
            "covers" => ParseCovers(value, phase, position),
            _ => null,
        };

        if (check is null || id is null || Errors.Count > before)
        {
            return null;
        }

        return (check with { Id = id, Severity = severity, Description = description, InfeasibleCountsAs = countsAs }, idNode!);
    }

    private static string OwnerOf(string key) => key switch
    {
        "file" or "each" or "when" or "infeasible-when" or "infeasible" => "expect",
        "timeout" or "exit-code" => "command",
        _ => key,
    };

    private ExpectCheck? ParseExpect(Fields map, YamlNode node, YamlNode value, Phase phase, SourcePosition position, string label)
    {
        string? file = null;
        string? each = null;
        var hasFile = map.TryGet("file", out var fileNode);
        var hasEach = map.TryGet("each", out var eachNode);
        if (hasFile && hasEach)
        {
            Error(DiagnosticCatalog.AmbiguousCheckKind, eachNode!, $"expected either file or each in {label}, found both", "Use file: for one document, each: for every document a glob matches.");
        }
        else if (!hasFile && !hasEach)
        {
            Error(DiagnosticCatalog.MissingKey, node, $"expected 'file' or 'each' in {label} beside expect, found neither", "Add file: <document> or each: <glob>.");
        }
        else if (hasFile)
        {
            file = Text(fileNode!, "file") is { } f && NonEmpty(fileNode!, f, "file", "a document path") ? Contained(fileNode!, f, "file", EvidenceRoot(phase)) : null;
        }
        else
        {
            each = Glob(eachNode!, "each");
        }

        var expect = Expectations(value, "expect", phase);
        var when = map.TryGet("when", out var whenNode) ? Expectations(whenNode, "when", phase) : [];
        var infeasible = map.TryGet("infeasible-when", out var infeasibleNode) ? Expectations(infeasibleNode, "infeasible-when", phase) : [];
        if (file is null && each is null)
        {
            return null;
        }

        return new ExpectCheck { Id = "", Phase = phase, Position = position, File = file, Each = each, Expect = expect, When = when, InfeasibleWhen = infeasible };
    }

    /// <summary>Where a check's evidence paths are relative to, as a user reads it.</summary>
    private static string EvidenceRoot(Phase phase) => phase == Phase.Preflight ? "the folder holding rungates.yml" : "run.evidence";

    /// <summary>Every check's id, node and severity, including checks with errors, so ids and waivers are checked against all of them.</summary>
    private readonly List<CheckHeader> _headers = [];

    private void CheckUniqueIds()
    {
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (id, idNode, _) in _headers)
        {
            if (seen.TryGetValue(id, out var first))
            {
                Error(DiagnosticCatalog.DuplicateCheckId, idNode, $"expected check ids to be unique across preflight and gates, found '{id}' at line {first.Start.Line} and again at line {idNode.Start.Line}", "Rename one of them; reports and waivers name checks by id.");
            }
            else
            {
                seen[id] = idNode;
            }
        }
    }

    private sealed record CheckHeader(string Id, YamlNode IdNode, Severity Severity);
}
