using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Ledgers;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>Reading typed values from nodes; each failure becomes an error at the node's line and column.</summary>
internal sealed partial class RunbookParser
{
    private SourcePosition At(YamlNode node) => new(_file, (int)node.Start.Line, (int)node.Start.Column);

    // Every error carries a hint; where no specific one fits, the code's help page explains the fix.
    private void Error(RunGatesDiagnostic diagnostic, YamlNode node, string message, string? hint = null) =>
        Errors.Add(new RunbookError(diagnostic, message, At(node), hint ?? $"See {diagnostic.HelpLink}; `rungates schema` shows every key's shape."));

    private void WrongType(YamlNode node, string what, string expected, string? hint = null) =>
        Error(DiagnosticCatalog.WrongType, node, $"expected {expected} for {what}, found {Describe(node)}", hint);

    private void UnknownKey(YamlNode key, string name, string where, IReadOnlyList<string> allowed)
    {
        var suggestion = KeySuggestion.Closest(name, allowed);
        Error(DiagnosticCatalog.UnknownKey, key, $"unknown key '{name}' in {where}: expected one of {string.Join(", ", allowed)}, found '{name}'", suggestion is null ? "Remove it; `rungates schema` lists every key." : $"Did you mean '{suggestion}'?");
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => YamlEvidenceConverter.Classify(scalar) switch
        {
            (EvidenceNodeKind.Null, _) => "nothing",
            (EvidenceNodeKind.Number, var text) => $"the number {text}",
            (EvidenceNodeKind.Boolean, var text) => $"the boolean {text}",
            (_, var text) => $"the string '{text}'",
        },
        _ => "an alias",
    };

    private static string KeyText(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();

    /// <summary>A mapping's keys checked against <paramref name="allowed"/>; unknown keys are reported with a did-you-mean and left out.</summary>
    private Fields? Map(YamlNode node, string where, IReadOnlyList<string> allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            WrongType(node, where, $"a mapping (keys: {string.Join(", ", allowed)})");
            return null;
        }

        var fields = new Fields();
        foreach (var (key, value) in mapping.Children)
        {
            var name = KeyText(key);
            if (allowed.Contains(name))
            {
                fields.Entries.Add((name, key, value));
            }
            else
            {
                UnknownKey(key, name, where, allowed);
            }
        }

        return fields;
    }

    private IList<YamlNode>? Sequence(YamlNode node, string what, string expected)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        WrongType(node, what, expected);
        return null;
    }

    /// <summary>A string value after <c>${VAR}</c> expansion; numbers and booleans only where allowed.</summary>
    private string? Text(YamlNode node, string what, bool allowNumber = false, bool allowBoolean = false)
    {
        if (node is YamlScalarNode scalar)
        {
            var kind = YamlEvidenceConverter.Classify(scalar).Kind;
            if (kind == EvidenceNodeKind.String || (allowNumber && kind == EvidenceNodeKind.Number) || (allowBoolean && kind == EvidenceNodeKind.Boolean))
            {
                return Expand(scalar);
            }
        }

        WrongType(node, what, allowNumber ? "a string or a number" : "a string", node is YamlScalarNode ? "Quote the value to make it a string." : null);
        return null;
    }

    private string Expand(YamlScalarNode scalar)
    {
        var unset = new List<string>();
        var text = VariableExpander.Expand(scalar.Value ?? "", _environment, unset);
        _expandsVariables |= (scalar.Value ?? "").Contains("${", StringComparison.Ordinal);
        foreach (var name in unset.Distinct(StringComparer.Ordinal))
        {
            Error(DiagnosticCatalog.UndefinedVariable, scalar, $"expected environment variable {name} to be set for ${{{name}}}, found it unset", $"Set {name}, or give a default: ${{{name}:-value}}.");
        }

        return text;
    }

    private string? RequiredText(Fields map, YamlNode owner, string key, string where, string hint)
    {
        if (map.TryGet(key, out var node))
        {
            var text = Text(node, key);
            return text is not null && NonEmpty(node, text, key, "a value") ? text : null;
        }

        var article = "aeiou".Contains(key[0], StringComparison.Ordinal) ? "an" : "a";
        Error(DiagnosticCatalog.MissingKey, owner, $"expected {article} '{key}' key in {where}, found none", hint);
        return null;
    }

    private bool NonEmpty(YamlNode node, string text, string what, string expected)
    {
        if (text.Trim().Length > 0)
        {
            return true;
        }

        Error(DiagnosticCatalog.WrongType, node, $"expected {expected} for {what}, found an empty string");
        return false;
    }

    private List<string>? TextList(YamlNode node, string what, string item, bool nonEmpty = false)
    {
        if (Sequence(node, what, $"a list of {item}s") is not { } items)
        {
            return null;
        }

        if (nonEmpty && items.Count == 0)
        {
            WrongType(node, what, $"at least one {item}");
            return null;
        }

        var texts = new List<string>();
        var ok = true;
        foreach (var child in items)
        {
            if (Text(child, what) is { } text && NonEmpty(child, text, what, item))
            {
                texts.Add(text);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? texts : null;
    }

    private List<string>? Globs(YamlNode node, string what, bool nonEmpty = false)
    {
        if (Sequence(node, what, "a list of paths or globs") is not { } items)
        {
            return null;
        }

        if (nonEmpty && items.Count == 0)
        {
            WrongType(node, what, "at least one path or glob");
            return null;
        }

        var globs = items.Select(item => Glob(item, what)).ToList();
        return globs.Contains(null) ? null : globs.Select(g => g!).ToList();
    }

    private string? Glob(YamlNode node, string what)
    {
        if (Text(node, what) is not { } text)
        {
            return null;
        }

        if (GlobText.Problem(text) is { } problem)
        {
            Error(DiagnosticCatalog.InvalidGlob, node, $"expected a relative path or glob for {what}, found '{text}', {problem}", "Globs are relative to their folder: use **/*.md, reports/*.json; never / or .. at the start.");
            return null;
        }

        return text;
    }

    /// <summary>
    /// <paramref name="text"/> when it is a path relative to <paramref name="root"/> that does not climb out of it;
    /// otherwise an RG1040 error and null. The rule is <see cref="RootedPath.Refusal"/>, as for globs and ledger entries.
    /// </summary>
    private string? Contained(YamlNode node, string text, string what, string root)
    {
        if (RootedPath.Refusal(text) is not { } refusal)
        {
            return text;
        }

        Error(DiagnosticCatalog.PathLeavesRoot, node, $"expected a path relative to {root} for {what}, found '{text}': {refusal}", $"Write {what} relative to {root}, without '..'; copy a file from elsewhere into it first.");
        return null;
    }

    /// <summary>An id that names a file (logs/&lt;id&gt;.log): one segment, no separator, not '.' or '..'; else RG1041.</summary>
    private bool FileNameId(YamlNode node, string id, string what)
    {
        if (RootedPath.IdRefusal(id) is not { } refusal)
        {
            return true;
        }

        Error(DiagnosticCatalog.IdNotAFileName, node, $"expected a {what} id usable as a file name, found '{id}': {refusal}", "Ids name log files in the bundle: use letters, digits, '-', '_' and '.', e.g. build-docs.");
        return false;
    }

    private int? Integer(YamlNode node, string what, int min, int max)
    {
        if (node is YamlScalarNode scalar && YamlEvidenceConverter.Classify(scalar) is (EvidenceNodeKind.Number, var text)
            && int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max)
            {
                return value;
            }

            Error(DiagnosticCatalog.InvalidValue, node, $"expected an integer from {min} to {max} for {what}, found {value}");
            return null;
        }

        WrongType(node, what, "an integer");
        return null;
    }

    private bool? Boolean(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar && YamlEvidenceConverter.Classify(scalar) is (EvidenceNodeKind.Boolean, var text))
        {
            return text == "true";
        }

        WrongType(node, what, "true or false");
        return null;
    }

    private TimeSpan? Duration(YamlNode node, string what)
    {
        if (Text(node, what) is not { } text)
        {
            return null;
        }

        if (DurationText.TryParse(text, out var duration))
        {
            return duration;
        }

        WrongType(node, what, $"a duration like {DurationText.Examples}", "Units are h, m and s, largest first, with no spaces.");
        return null;
    }

    /// <summary>A string runs through the shell; a list runs directly.</summary>
    private Runbooks.CommandSpec? Command(YamlNode node, string what)
    {
        switch (node)
        {
            case YamlScalarNode when Text(node, what) is { } text:
                return NonEmpty(node, text, what, "a command") ? Runbooks.CommandSpec.Shell(text) : null;
            case YamlScalarNode:
                return null;
            case YamlSequenceNode { Children.Count: > 0 } sequence:
                var arguments = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (Text(item, what, allowNumber: true, allowBoolean: true) is { } argument)
                    {
                        arguments.Add(argument);
                    }
                }

                return arguments.Count == sequence.Children.Count && arguments[0].Length > 0 ? Runbooks.CommandSpec.Direct(arguments) : null;
            default:
                WrongType(node, what, "a command: a string (run by the shell) or a non-empty list (program and arguments)");
                return null;
        }
    }

    /// <summary>A value written in rungates.yml as an evidence node, with its position and with strings expanded.</summary>
    private EvidenceNode Value(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar when (scalar.Value ?? "").Contains("${", StringComparison.Ordinal) && YamlEvidenceConverter.Classify(scalar).Kind == EvidenceNodeKind.String:
                var expanded = Expand(scalar);
                var position = At(scalar);
                return EvidenceNode.Scalar(EvidenceNodeKind.String, expanded, () => position);
            case YamlSequenceNode sequence:
                var at = At(sequence);
                return EvidenceNode.Array(sequence.Children.Select(Value).ToList(), () => at);
            case YamlMappingNode mapping:
                var where = At(mapping);
                return EvidenceNode.Object(mapping.Children.Select(c => new KeyValuePair<string, EvidenceNode>(KeyText(c.Key), Value(c.Value))).ToList(), () => where);
            default:
                return YamlEvidenceConverter.Convert(node, _file);
        }
    }

    /// <summary>The known keys of one mapping, in document order, with their key nodes for positions.</summary>
    private sealed class Fields
    {
        public List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries { get; } = [];

        public bool Has(string key) => Entries.Any(e => e.Key == key);

        public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out YamlNode? value)
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }
    }
}
