using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Runs;
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
}
