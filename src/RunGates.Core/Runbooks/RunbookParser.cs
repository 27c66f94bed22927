using System.Globalization;
using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>
/// Turns a loaded YAML document into a <see cref="Runbook"/>, collecting every error instead of stopping at the first.
/// Scalars are typed by the YAML 1.2 core schema before <c>${VAR}</c> expansion, so <c>exit-code: ${CODE}</c> is a
/// string (as the JSON Schema sees it), while string values are expanded.
/// </summary>
internal sealed partial class RunbookParser
{
    private readonly string _file;
    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <summary>Whether any value wrote ${VAR}: the loaded runbook then depends on the environment too.</summary>
    private bool _expandsVariables;

    public RunbookParser(string file, IReadOnlyDictionary<string, string> environment)
    {
        _file = file;
        _environment = environment;
    }

    public List<RunbookError> Errors { get; } = [];

    public Runbook? Parse(YamlNode? root, string digest)
    {
        if (root is null || (root is YamlScalarNode { Value: null or "" }))
        {
            Errors.Add(new RunbookError(DiagnosticCatalog.UnsupportedVersion, "expected a mapping starting with version: 1, found an empty document", new SourcePosition(_file, 1, 1), "Run `rungates init` for a starter file."));
            return null;
        }

        var top = Map(root, "the top level", RunbookKeys.Top);
        if (top is null)
        {
            return null;
        }

        ReadSecrets(top);
        var version = ParseVersion(top, root);
        string? name = null;
        if (top.TryGet("name", out var nameNode))
        {
            name = Text(nameNode, "name");
            if (name is not null && !IsSafeName(name))
            {
                Error(DiagnosticCatalog.InvalidValue, nameNode, $"expected a name of letters, digits, '.', '_' or '-' starting with a letter or digit, found '{name}'", "The name becomes part of a status context (rungates/<name>) and a folder name.");
                name = null;
            }
        }
        else
        {
            Error(DiagnosticCatalog.MissingKey, root, "expected a 'name' key at the top level, found none", "Add e.g. name: my-run; it names the status context rungates/<name>.");
        }

        var states = top.TryGet("states", out var statesNode) ? ParseStates(statesNode) : VerdictNames.Default;
        var directory = Path.GetDirectoryName(_file)!;
        var run = top.TryGet("run", out var runNode) ? ParseRun(runNode, directory, name) : DefaultRun(directory, name);
        var preflight = top.TryGet("preflight", out var preflightNode) ? ParseChecks(preflightNode, Phase.Preflight) : [];
        var gates = top.TryGet("gates", out var gatesNode) ? ParseChecks(gatesNode, Phase.Gates) : [];
        CheckUniqueIds();
        var waivers = top.TryGet("waivers", out var waiversNode) ? ParseWaivers(waiversNode) : [];
        var ledger = top.TryGet("ledger", out var ledgerNode) ? ParseLedger(ledgerNode) : null;
        var promote = top.TryGet("promote", out var promoteNode) ? ParsePromote(promoteNode, ledger) : null;
        RefuseSecretNames(root);

        if (Errors.Count > 0 || version is null || name is null || run is null)
        {
            return null;
        }

        return new Runbook
        {
            SourcePath = _file,
            Digest = digest,
            Version = version.Value,
            Name = name,
            States = states,
            Run = run,
            Secrets = SecretNames,
            Masker = Masker,
            ExpandsVariables = _expandsVariables,
            Preflight = preflight.Select(p => p.Check).ToList(),
            Gates = gates.Select(p => p.Check).ToList(),
            Waivers = waivers,
            Ledger = ledger,
            Promote = promote,
        };
    }

    private int? ParseVersion(Fields top, YamlNode root)
    {
        if (!top.TryGet("version", out var node))
        {
            Error(DiagnosticCatalog.UnsupportedVersion, root, "expected 'version: 1' at the top level, found no version key", "Add version: 1 as the first line.");
            return null;
        }

        if (node is YamlScalarNode scalar && YamlEvidenceConverter.Classify(scalar) is (EvidenceNodeKind.Number, "1"))
        {
            return 1;
        }

        Error(DiagnosticCatalog.UnsupportedVersion, node, $"expected version 1, found {Describe(node)}", "This tool reads version 1 only; write version: 1.");
        return null;
    }

    private static bool IsSafeName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private VerdictNames ParseStates(YamlNode node)
    {
        var names = VerdictNames.Default;
        var map = Map(node, "states", RunbookKeys.States);
        if (map is null)
        {
            return names;
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, keyNode, value) in map.Entries)
        {
            var text = Text(value, $"states.{key}");
            if (text is null)
            {
                continue;
            }

            if (text.Trim().Length == 0)
            {
                Error(DiagnosticCatalog.InvalidValue, value, $"expected a name for the {key} verdict, found an empty string", "Give each verdict a word, e.g. pass: CERTIFIED.");
                continue;
            }

            if (seen.TryGetValue(text, out var other))
            {
                Error(DiagnosticCatalog.InvalidValue, value, $"expected four distinct verdict names, found '{text}' for both {other} and {key}", "Give each verdict its own name, or the report cannot tell them apart.");
                continue;
            }

            seen[text] = key;
            names = key switch
            {
                "pass" => names with { Pass = text },
                "partial" => names with { Partial = text },
                "incomplete" => names with { Incomplete = text },
                _ => names with { Reject = text },
            };
        }

        return names;
    }

    private RunSettings? DefaultRun(string directory, string? name) =>
        name is null ? null : new RunSettings { Bundles = Path.GetFullPath(Path.Combine(directory, "out", name)) };

    private RunSettings? ParseRun(YamlNode node, string directory, string? name)
    {
        var map = Map(node, "run", RunbookKeys.Run);
        if (map is null)
        {
            return DefaultRun(directory, name);
        }

        string? bundles = null;
        if (map.TryGet("bundles", out var bundlesNode) && Text(bundlesNode, "run.bundles") is { } bundlesText)
        {
            bundles = NonEmpty(bundlesNode, bundlesText, "run.bundles", "a folder") ? Path.GetFullPath(bundlesText, directory) : null;
        }

        var settings = new RunSettings { Bundles = bundles ?? (name is null ? directory : Path.GetFullPath(Path.Combine(directory, "out", name))) };
        if (map.TryGet("id", out var idNode) && Text(idNode, "run.id") is { } id)
        {
            var unknown = RunIdTemplate.UnknownPlaceholders(id);
            if (unknown.Count > 0)
            {
                Error(DiagnosticCatalog.InvalidRunId, idNode, $"expected run id placeholders {{{string.Join("}, {", RunIdTemplate.Placeholders)}}}, found {string.Join(", ", unknown.Select(u => "{" + u + "}"))}", "Use one of the known placeholders, e.g. {utc:yyyyMMdd'T'HHmmss}-{git.short}.");
            }
            else if (NonEmpty(idNode, id, "run.id", "a run id template"))
            {
                settings = settings with { IdTemplate = id };
            }
        }

        if (map.TryGet("seed", out var seedNode))
        {
            settings = settings with { Seed = Text(seedNode, "run.seed", allowNumber: true) };
        }

        if (map.TryGet("evidence", out var evidenceNode) && Text(evidenceNode, "run.evidence") is { } evidence && NonEmpty(evidenceNode, evidence, "run.evidence", "a folder"))
        {
            settings = settings with { Evidence = evidence };
        }

        if (map.TryGet("record", out var recordNode) && Map(recordNode, "run.record", RunbookKeys.Record) is { } record)
        {
            var env = record.TryGet("env", out var envNode) ? TextList(envNode, "run.record.env", "an environment variable name") : null;
            var tools = record.TryGet("tools", out var toolsNode) ? TextList(toolsNode, "run.record.tools", "a tool name") : null;
            settings = settings with { Record = new RecordSettings(env ?? [], tools ?? []) };
        }

        if (map.TryGet("steps", out var stepsNode))
        {
            settings = settings with { Steps = ParseSteps(stepsNode) };
        }

        return settings;
    }

    private List<RunStep> ParseSteps(YamlNode node)
    {
        var steps = new List<RunStep>();
        if (Sequence(node, "run.steps", "a list of steps") is not { } sequence)
        {
            return steps;
        }

        var ids = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var item in sequence)
        {
            var map = Map(item, "a step", RunbookKeys.Step);
            if (map is null)
            {
                continue;
            }

            var id = RequiredText(map, item, "id", "a step", "Give the step an id; its log is logs/<id>.log.");
            if (id is not null && map.TryGet("id", out var idNode))
            {
                if (!FileNameId(idNode, id, "step"))
                {
                    id = null;
                }
                else if (ids.TryGetValue(id, out var first))
                {
                    Error(DiagnosticCatalog.DuplicateCheckId, idNode, $"expected step ids to be unique, found '{id}' again (first at line {first.Start.Line}, column {first.Start.Column})", "Rename one of the steps.");
                }
                else
                {
                    ids[id] = idNode;
                }
            }

            CommandSpec? command = null;
            if (map.TryGet("run", out var runNode))
            {
                command = Command(runNode, "run");
            }
            else
            {
                Error(DiagnosticCatalog.MissingKey, item, $"expected a 'run' key in step '{id ?? "?"}', found none", "Add run: \"<command>\" (a string runs through the shell, a list without one).");
            }

            var timeout = map.TryGet("timeout", out var timeoutNode) ? Duration(timeoutNode, "timeout") : null;
            var cwd = map.TryGet("cwd", out var cwdNode) ? Text(cwdNode, "cwd") : null;
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            if (map.TryGet("env", out var envNode))
            {
                if (envNode is YamlMappingNode envMap)
                {
                    foreach (var (key, value) in envMap.Children)
                    {
                        var variable = KeyText(key);
                        if (Text(value, $"env.{variable}", allowNumber: true, allowBoolean: true) is { } text)
                        {
                            env[variable] = text;
                        }
                    }
                }
                else
                {
                    WrongType(envNode, "env", "a mapping of variable names to values");
                }
            }

            if (id is not null && command is not null)
            {
                steps.Add(new RunStep(id, command, timeout, At(map.TryGet("id", out var at) ? at : item)) { WorkingDirectory = cwd, Environment = env });
            }
        }

        return steps;
    }

    private List<Waiver> ParseWaivers(YamlNode node)
    {
        var waivers = new List<Waiver>();
        if (Sequence(node, "waivers", "a list of waivers") is not { } sequence)
        {
            return waivers;
        }

        foreach (var item in sequence)
        {
            var map = Map(item, "a waiver", RunbookKeys.Waiver);
            if (map is null)
            {
                continue;
            }

            var check = RequiredText(map, item, "check", "a waiver", "Name the id of the check it covers.");
            var reason = RequiredText(map, item, "reason", "a waiver", "Say why the failure is accepted.");
            var by = RequiredText(map, item, "by", "a waiver", "Name who accepted it.");
            var expiresText = RequiredText(map, item, "expires", "a waiver", "Give the last day it is in force, e.g. expires: 2026-12-31.");
            DateOnly? expires = null;
            if (expiresText is not null && map.TryGet("expires", out var expiresNode))
            {
                if (DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    expires = date;
                }
                else
                {
                    WrongType(expiresNode, "expires", "a date as yyyy-MM-dd", "Write the date as e.g. 2026-12-31.");
                }
            }

            if (check is not null && map.TryGet("check", out var checkNode))
            {
                var target = _headers.FirstOrDefault(c => c.Id == check);
                if (target is null)
                {
                    var suggestion = KeySuggestion.Closest(check, _headers.Select(c => c.Id));
                    Error(DiagnosticCatalog.UnknownWaiverCheck, checkNode, $"expected the id of a check in preflight or gates, found '{check}'", suggestion is null ? "Waivers name checks by id; check for a rename." : $"Did you mean '{suggestion}'?");
                    check = null;
                }
                else if (target.Severity == Severity.Blocker)
                {
                    Error(DiagnosticCatalog.WaiverOnBlocker, checkNode, $"expected a required or advisory check, found blocker '{check}' (line {target.IdNode.Start.Line})", "No waiver can cover a blocker; fix the failure, or lower the check's severity.");
                    check = null;
                }
            }

            if (check is not null && reason is not null && by is not null && expires is not null)
            {
                waivers.Add(new Waiver(check, reason, by, expires.Value, At(item)));
            }
        }

        return waivers;
    }

    private LedgerSettings? ParseLedger(YamlNode node)
    {
        var map = Map(node, "ledger", RunbookKeys.Ledger);
        if (map is null)
        {
            return null;
        }

        var ledger = new LedgerSettings { Position = At(node) };
        if (map.TryGet("root", out var rootNode) && Text(rootNode, "ledger.root") is { } root && NonEmpty(rootNode, root, "ledger.root", "a folder")
            && Contained(rootNode, root, "ledger.root", "run.evidence") is not null)
        {
            ledger = ledger with { Root = root };
        }

        if (map.TryGet("include", out var includeNode) && Globs(includeNode, "ledger.include") is { } include)
        {
            ledger = ledger with { Include = include };
        }

        if (map.TryGet("exclude", out var excludeNode) && Globs(excludeNode, "ledger.exclude") is { } exclude)
        {
            ledger = ledger with { Exclude = exclude };
        }

        if (map.TryGet("file", out var fileNode) && Text(fileNode, "ledger.file") is { } file && NonEmpty(fileNode, file, "ledger.file", "a file name")
            && Contained(fileNode, file, "ledger.file", "the bundle") is not null)
        {
            ledger = ledger with { File = file };
            if (ReservedBundleNames.Refusal(file) is { } refusal)
            {
                Error(DiagnosticCatalog.ReservedBundleName, fileNode, $"ledger.file: {file} {refusal}; expected a name of its own", "Use e.g. file: SHA256SUMS.");
            }
        }

        if (map.TryGet("copy-to", out var copyNode) && Text(copyNode, "ledger.copy-to") is { } copyTo && NonEmpty(copyNode, copyTo, "ledger.copy-to", "a file path")
            && Contained(copyNode, copyTo, "ledger.copy-to", "the folder holding rungates.yml") is not null)
        {
            ledger = ledger with { CopyTo = copyTo };
        }

        return ledger;
    }

    private PromoteSettings? ParsePromote(YamlNode node, LedgerSettings? ledger)
    {
        var map = Map(node, "promote", RunbookKeys.Promote);
        if (map is null)
        {
            return null;
        }

        var requires = Verdict.Pass;
        if (map.TryGet("requires", out var requiresNode) && Text(requiresNode, "promote.requires") is { } text)
        {
            if (text is "pass" or "partial")
            {
                VerdictKeywords.TryParse(text, out requires);
            }
            else
            {
                Error(DiagnosticCatalog.InvalidValue, requiresNode, $"expected pass or partial, found '{text}'", "promote.requires is the verdict keyword, not the runbook's own state name.");
            }
        }

        var packet = PromoteSettings.DefaultPacket;
        if (map.TryGet("packet", out var packetNode) && Text(packetNode, "promote.packet") is { } packetText && NonEmpty(packetNode, packetText, "promote.packet", "a file name")
            && Contained(packetNode, packetText, "promote.packet", "the bundle") is not null)
        {
            packet = packetText;
            var sameAsLedger = ledger is not null && string.Equals(ReservedBundleNames.Normalize(ledger.File), ReservedBundleNames.Normalize(packet), StringComparison.OrdinalIgnoreCase);
            if ((sameAsLedger ? "is ledger.file, the ledger RunGates writes into every bundle" : ReservedBundleNames.Refusal(packet)) is { } refusal)
            {
                Error(DiagnosticCatalog.ReservedBundleName, packetNode, $"promote.packet: {packet} {refusal}; expected a name of its own", $"Use e.g. packet: {PromoteSettings.DefaultPacket}.");
            }
        }

        return new PromoteSettings(requires, packet, At(node));
    }
}
