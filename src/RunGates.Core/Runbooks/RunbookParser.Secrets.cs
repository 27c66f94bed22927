using RunGates.Core.Diagnostics;
using RunGates.Core.Runs;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>
/// Names derived from a secret are refused: a name becomes a folder, a file, a log's name, a status context or a
/// verdict title, and a mask there (<c>***</c>) would make two runs or two checks indistinguishable, or leave the value
/// in a path. Free text (descriptions, expect values, commands, waiver reasons) is masked instead wherever it is shown.
/// </summary>
internal sealed partial class RunbookParser
{
    /// <summary>The names under <c>secrets:</c>, known even when the runbook has other errors, so those are masked too.</summary>
    public IReadOnlyList<string> SecretNames { get; private set; } = [];

    /// <summary>The masker of <see cref="SecretNames"/> as the loader's environment sets them.</summary>
    public SecretMasker Masker { get; private set; } = SecretMasker.None;

    private void ReadSecrets(Fields top)
    {
        SecretNames = top.TryGet("secrets", out var node) ? TextList(node, "secrets", "an environment variable name") ?? [] : [];
        Masker = SecretMasker.For(SecretNames, _environment);
    }

    private void RefuseSecretNames(YamlNode root)
    {
        if (SecretNames.Count == 0 || root is not YamlMappingNode top)
        {
            return;
        }

        Refuse(Child(top, "name"), "name", "the status context rungates/<name> and the bundles folder");
        if (Child(top, "run") is YamlMappingNode run)
        {
            Refuse(Child(run, "id"), "run.id", "the bundle folder, LATEST and every report");
            Refuse(Child(run, "seed"), "run.seed", "run.json, RUNGATES_SEED and, through {seed}, the run id");
            Refuse(Child(run, "bundles"), "run.bundles", "the folder every bundle is written to");
            Refuse(Child(run, "evidence"), "run.evidence", "the folder every finding's path is shown against");
            foreach (var step in Items(Child(run, "steps")))
            {
                Refuse(Child(step, "id"), "a step id", "its log file logs/<id>.log and every report");
            }
        }

        if (Child(top, "states") is YamlMappingNode states)
        {
            foreach (var (_, value) in states.Children)
            {
                Refuse(value, "a verdict name under states", "the check run's title and the commit status");
            }
        }

        foreach (var header in _headers)
        {
            Refuse(header.IdNode, "a check id", "its log file, waivers and every report");
        }

        if (Child(top, "ledger") is YamlMappingNode ledger)
        {
            Refuse(Child(ledger, "file"), "ledger.file", "a file in the bundle");
            Refuse(Child(ledger, "root"), "ledger.root", "the folder the ledger lists");
            Refuse(Child(ledger, "copy-to"), "ledger.copy-to", "a file beside the runbook");
        }

        if (Child(top, "promote") is YamlMappingNode promote)
        {
            Refuse(Child(promote, "packet"), "promote.packet", "a file in the bundle");
        }
    }

    private void Refuse(YamlNode? node, string what, string namesWhat)
    {
        if (node is not YamlScalarNode scalar)
        {
            return;
        }

        var raw = scalar.Value ?? "";
        var referenced = SecretNames.FirstOrDefault(name => raw.Contains("${" + name + "}", StringComparison.Ordinal) || raw.Contains("${" + name + ":-", StringComparison.Ordinal));
        if (referenced is null && !Masker.Reveals(VariableExpander.Expand(raw, _environment, [])))
        {
            return;
        }

        // The message names the variable, never its value.
        var found = referenced is null ? "found the value of a secret in it" : $"found it derived from the secret {referenced}";
        Error(DiagnosticCatalog.SecretInName, scalar, $"expected {what} free of secrets, {found}", $"It names {namesWhat}, and a name is never masked; take it from a variable that is not under secrets:.");
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: var name } && name == key).Value;

    private static IEnumerable<YamlMappingNode> Items(YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children.OfType<YamlMappingNode>() : [];
}
