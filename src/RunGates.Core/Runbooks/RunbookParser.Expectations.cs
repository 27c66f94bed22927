using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The maps of <c>expect</c>, <c>when</c> and <c>infeasible-when</c>: paths with values or matcher maps, and any-of/all-of/none-of groups.</summary>
internal sealed partial class RunbookParser
{
    /// <summary>
    /// An expect/when/infeasible-when map. <paramref name="onRecord"/>: the map is tested on records inside a document
    /// (covers' <c>where</c>), so <c>@</c> names the record even where the path selects no element.
    /// </summary>
    internal List<Expectation> Expectations(YamlNode node, string what, Phase phase, bool onRecord = false)
    {
        var expectations = new List<Expectation>();
        if (node is not YamlMappingNode mapping)
        {
            WrongType(node, what, "a mapping of document paths to values or matcher maps", $"Write e.g. {what}: {{ status: PASS }}.");
            return expectations;
        }

        if (mapping.Children.Count == 0)
        {
            WrongType(node, what, "at least one document path", $"Write e.g. {what}: {{ status: PASS }}.");
        }

        foreach (var (key, value) in mapping.Children)
        {
            var pathText = KeyText(key);
            var group = Array.IndexOf(ExpectationGroup.Keys.ToArray(), pathText);
            if (group >= 0)
            {
                if (Group((GroupKind)group, value, $"{what}.{pathText}", phase, key, onRecord) is { } parsed)
                {
                    expectations.Add(parsed);
                }

                continue;
            }

            if (!DocumentPath.TryParse(pathText, out var path, out var problem))
            {
                if (PathDiagnostic(problem, DiagnosticCatalog.InvalidPath) == DiagnosticCatalog.KeysNotLast)
                {
                    Error(DiagnosticCatalog.KeysNotLast, key, $"expected '*~' only as the last step of a path (the keys of an object are strings), found '{pathText}'", "Test the keys with values.*~ and the values with a path through them, e.g. values.capacity.");
                }
                else if (pathText.Contains("[?", StringComparison.Ordinal))
                {
                    Error(DiagnosticCatalog.InvalidFilter, key, $"expected a filter [?EXPR] (e.g. items[?status==WARN && resolved!=true]), found '{pathText}': {problem}", "A filter compares a field of each element with a literal, @.field or $.path: == != < <= > >=, !, &&, ||, parentheses.");
                }
                else
                {
                    Error(DiagnosticCatalog.InvalidPath, key, $"expected a document path (a.b[0].c, a[*].c, a[?x==1].c or /a/b), found '{pathText}': {problem}", "Quote paths that hold [ or *, e.g. \"risks[*].code\".");
                }

                continue;
            }

            if (!NoOuter(key, path, pathText))
            {
                continue;
            }

            switch (value)
            {
                case YamlScalarNode:
                    expectations.Add(new FieldExpectation(path, [new Matcher(MatcherKind.EqualTo, At(value)) { Value = Value(value) }], At(key)));
                    break;
                case YamlMappingNode matchers:
                    if (Matchers(matchers, pathText, phase, path.HasWildcard || onRecord) is { } list)
                    {
                        if (path.EndsInSelection && list.Count > 1 && list.Any(m => m.Kind == MatcherKind.Count))
                        {
                            Error(DiagnosticCatalog.InvalidCount, matchers, $"expected count alone for {pathText}, found it beside {string.Join(", ", list.Where(m => m.Kind != MatcherKind.Count).Select(m => m.Key))}", "Over a path ending in [*] or a filter, count counts the selected elements; test the elements in a second entry without count.");
                            break;
                        }

                        expectations.Add(new FieldExpectation(path, list, At(key)));
                    }

                    break;
                default:
                    WrongType(value, pathText, $"a value or a matcher map ({string.Join(", ", Matcher.Keys)})", "To compare with a list, write { in: [...] } or { equals: [...] }.");
                    break;
            }
        }

        return expectations;
    }

    private ExpectationGroup? Group(GroupKind kind, YamlNode value, string what, Phase phase, YamlNode key, bool onRecord)
    {
        if (value is not YamlSequenceNode { Children.Count: > 0 } sequence || sequence.Children.Any(c => c is not YamlMappingNode))
        {
            Error(DiagnosticCatalog.InvalidGroup, value, $"expected a non-empty list of maps (each like an expect map) for {what}, found {Describe(value)}", "Write e.g. any-of: [ { artifact_path: { type: string } }, { mlflow_run_id: { type: string } } ].");
            return null;
        }

        var before = Errors.Count;
        var alternatives = new List<IReadOnlyList<Expectation>>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            alternatives.Add(Expectations(sequence.Children[i], $"{what}[{i}]", phase, onRecord));
        }

        return Errors.Count > before ? null : new ExpectationGroup(kind, alternatives, At(key));
    }

    private List<Matcher>? Matchers(YamlMappingNode node, string pathText, Phase phase, bool hasElement)
    {
        var matchers = new List<Matcher>();
        if (node.Children.Count == 0)
        {
            WrongType(node, pathText, "at least one matcher", "Write e.g. { max: 0.25 }.");
            return null;
        }

        var ok = true;
        foreach (var (key, value) in node.Children)
        {
            var name = KeyText(key);
            var at = At(key);
            var index = Array.IndexOf(Matcher.Keys.ToArray(), name);
            if (index < 0)
            {
                var hint = ExpectationGroup.Keys.Contains(name) ? $" ({name} belongs beside the paths of the map, not inside a matcher map)" : "";
                UnknownKey(key, name, $"a matcher of {pathText}{hint}", Matcher.Keys);
                ok = false;
                continue;
            }

            var kind = (MatcherKind)index;
            var before = Errors.Count;
            var matcher = kind switch
            {
                MatcherKind.EqualTo or MatcherKind.NotEqualTo => new Matcher(kind, at) { Value = Value(value) },
                MatcherKind.In or MatcherKind.NotIn => value is YamlSequenceNode items
                    ? new Matcher(kind, at) { Values = items.Children.Select(Value).ToList() }
                    : WrongTypeNull(value, name, "a list of values"),
                MatcherKind.Min or MatcherKind.Max => value is YamlScalarNode number && YamlEvidenceConverter.Classify(number).Kind == EvidenceNodeKind.Number
                    ? new Matcher(kind, at) { Value = Value(value) }
                    : WrongTypeNull(value, name, "a number"),
                MatcherKind.Exists => value is YamlScalarNode flag && YamlEvidenceConverter.Classify(flag).Kind == EvidenceNodeKind.Boolean
                    ? new Matcher(MatcherKind.Exists, at) { Value = Value(value) }
                    : WrongTypeNull(value, name, "true or false"),
                MatcherKind.Type => TypeMatcher(value, at),
                MatcherKind.Matches => RegexMatcher(value, at),
                MatcherKind.Count => CountMatcher(value, at, pathText, phase, hasElement),
                MatcherKind.Distinct => DistinctMatcher(value, at),
                MatcherKind.DigestOf => DigestOfMatcher(value, at, phase, hasElement),
                _ => Reference(value, name, phase, hasElement, ofFieldMatcher: true) is { } reference ? new Matcher(kind, at) { Reference = reference } : null,
            };

            if (matcher is null || Errors.Count > before)
            {
                ok = false;
                continue;
            }

            matchers.Add(matcher);
        }

        return ok ? matchers : null;
    }

    /// <summary><c>digest-of: REF</c> (a value naming the file), or <c>digest-of: { file: F }</c> (the file itself: an evidence path or spec:).</summary>
    private Matcher? DigestOfMatcher(YamlNode value, SourcePosition at, Phase phase, bool hasElement)
    {
        if (value is YamlMappingNode { Children.Count: 1 } map && map.Children.First() is { Key: YamlScalarNode { Value: "file" }, Value: var fileNode })
        {
            if (Text(fileNode, "file") is not { } file)
            {
                return null;
            }

            var spec = file.StartsWith(ValueReference.SpecPrefix, StringComparison.Ordinal);
            var relative = spec ? file[ValueReference.SpecPrefix.Length..] : file;
            if (relative.Length == 0 || file == ValueReference.RunFile || file.StartsWith(ValueReference.BundlePrefix, StringComparison.Ordinal))
            {
                Error(DiagnosticCatalog.InvalidReference, fileNode, $"expected an evidence path or spec:<path> for digest-of's file, found '{file}'", "Write digest-of: { file: reports/app.zip } or { file: spec:plan.json }.");
                return null;
            }

            return Contained(fileNode, relative, "the file of digest-of", spec ? "the folder holding rungates.yml" : EvidenceRoot(phase)) is null
                ? null
                : new Matcher(MatcherKind.DigestOf, at) { DigestFile = new ValueReference(spec ? ReferenceFileKind.Spec : ReferenceFileKind.Evidence, DocumentPath.Root, file, At(map)) { FilePath = relative } };
        }

        return Reference(value, "digest-of", phase, hasElement) is { } reference ? new Matcher(MatcherKind.DigestOf, at) { Reference = reference } : null;
    }

    private Matcher? DistinctMatcher(YamlNode value, SourcePosition at)
    {
        if (value is not YamlScalarNode scalar || Text(value, "distinct") is not { } text || text.Length == 0)
        {
            return WrongTypeNull(value, "distinct", "a path inside each item (e.g. signer), or @ for the items themselves");
        }

        var relative = text == "@" ? "" : text.StartsWith("@.", StringComparison.Ordinal) ? text[2..] : text;
        if (relative.Length == 0)
        {
            return new Matcher(MatcherKind.Distinct, at) { ItemPath = DocumentPath.Root };
        }

        if (!DocumentPath.TryParse(relative, out var path, out var error) || path.HasWildcard)
        {
            Error(DiagnosticCatalog.InvalidPath, scalar, $"expected distinct to name one value inside each item, found '{text}'{(path?.HasWildcard == true ? ", which selects many" : $": {error}")}", "Write the field the items must differ in, e.g. distinct: signer, or distinct: \"@\" for the items themselves.");
            return null;
        }

        return new Matcher(MatcherKind.Distinct, at) { ItemPath = path };
    }

    private Matcher? CountMatcher(YamlNode value, SourcePosition at, string pathText, Phase phase, bool hasElement)
    {
        if (value is not YamlMappingNode map)
        {
            Error(DiagnosticCatalog.InvalidCount, value, $"expected a matcher map for count of {pathText}, found {Describe(value)}", "Write e.g. count: { min: 1 } or count: { max: 0 }.");
            return null;
        }

        return Matchers(map, $"count of {pathText}", phase, hasElement) is { } inner ? new Matcher(MatcherKind.Count, at) { Inner = inner } : null;
    }

    private Matcher? WrongTypeNull(YamlNode node, string what, string expected)
    {
        WrongType(node, what, expected);
        return null;
    }

    private Matcher? TypeMatcher(YamlNode value, SourcePosition at)
    {
        if (Text(value, "type") is not { } name)
        {
            return null;
        }

        if (!Matcher.TypeNames.Contains(name))
        {
            var suggestion = KeySuggestion.Closest(name, Matcher.TypeNames);
            Error(DiagnosticCatalog.InvalidValue, value, $"expected one of {string.Join(", ", Matcher.TypeNames)}, found '{name}'", suggestion is null ? "type: names a JSON type." : $"Did you mean '{suggestion}'?");
            return null;
        }

        return new Matcher(MatcherKind.Type, at) { Value = Value(value) };
    }

    private Matcher? RegexMatcher(YamlNode value, SourcePosition at)
    {
        if (Text(value, "matches") is not { } pattern)
        {
            return null;
        }

        try
        {
            return new Matcher(MatcherKind.Matches, at) { Value = Value(value), Pattern = EvidencePattern.Compile(pattern) };
        }
        catch (ArgumentException e)
        {
            Error(DiagnosticCatalog.InvalidRegex, value, $"expected a .NET regular expression, found '{pattern}': {e.Message}", "Quote the pattern in single quotes so YAML leaves backslashes alone, e.g. '^\\d+$'.");
            return null;
        }
    }
}
