using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// Evaluates <c>expect</c>, <c>when</c> and <c>infeasible-when</c> maps against a document. Numbers compare numerically,
/// everything else by its text. An absent path passes only <c>exists: false</c>; every other matcher fails with "is absent".
/// Nothing is allocated for a document that passes.
/// </summary>
public static class ExpectationEvaluator
{
    /// <summary>True when every expectation holds; stops at the first that does not.</summary>
    public static bool Holds(EvidenceDocument document, IReadOnlyList<FieldExpectation> expectations) =>
        Evaluate(document, expectations, null);

    /// <summary>
    /// Evaluates every expectation, adding one failure per failing path and matcher to <paramref name="failures"/>
    /// (all of them, not just the first). With no list it stops at the first failure. True when all hold.
    /// </summary>
    public static bool Evaluate(EvidenceDocument document, IReadOnlyList<FieldExpectation> expectations, List<ExpectationFailure>? failures)
    {
        var holds = true;
        Span<int> buffer = stackalloc int[16];
        for (var i = 0; i < expectations.Count; i++)
        {
            var expectation = expectations[i];
            var segments = expectation.Path.Segments.Count;
            var indices = segments <= buffer.Length ? buffer : new int[segments];
            if (!Walk(document, expectation, document.Root, 0, indices, 0, failures))
            {
                holds = false;
                if (failures is null)
                {
                    return false;
                }
            }
        }

        return holds;
    }

    private static bool Walk(EvidenceDocument document, FieldExpectation expectation, EvidenceNode? node, int segment, Span<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        var path = expectation.Path;
        var segments = path.Segments;
        var pointer = EvidencePathResolver.IsPointer(path);
        if (node is not null && node.TryGetJson(out var element, out var lines))
        {
            return WalkJson(document, expectation, element, lines!, segment, indices, filled, failures);
        }

        while (node is not null && segment < segments.Count)
        {
            var step = segments[segment];
            if (step.IsWildcard)
            {
                if (node.Kind != EvidenceNodeKind.Array)
                {
                    node = null;
                    break;
                }

                // Every element must match.
                var all = true;
                var items = node.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    indices[filled] = i;
                    if (!Walk(document, expectation, items[i], segment + 1, indices, filled + 1, failures))
                    {
                        all = false;
                        if (failures is null)
                        {
                            return false;
                        }
                    }
                }

                return all;
            }

            node = EvidencePathResolver.Step(node, step, pointer);
            segment++;
        }

        return Check(document, expectation, node, indices, filled, failures);
    }

    /// <summary>
    /// <see cref="Walk"/> through a JSON document's values themselves: no node is made on the way, and none at the end
    /// when the matchers can be answered on the value (<see cref="TryTest"/>), so passing documents allocate nothing
    /// even under <c>[*]</c>.
    /// </summary>
    private static bool WalkJson(EvidenceDocument document, FieldExpectation expectation, JsonElement element, JsonLineMap lines, int segment, Span<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        var segments = expectation.Path.Segments;
        var pointer = EvidencePathResolver.IsPointer(expectation.Path);
        while (segment < segments.Count)
        {
            var step = segments[segment];
            if (step.IsWildcard)
            {
                if (element.ValueKind != JsonValueKind.Array)
                {
                    return Check(document, expectation, null, indices, filled, failures);
                }

                var all = true;
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    indices[filled] = i++;
                    if (!WalkJson(document, expectation, item, lines, segment + 1, indices, filled + 1, failures))
                    {
                        all = false;
                        if (failures is null)
                        {
                            return false;
                        }
                    }
                }

                return all;
            }

            if (!EvidencePathResolver.TryStep(element, step, pointer, out element))
            {
                return Check(document, expectation, null, indices, filled, failures);
            }

            segment++;
        }

        if (failures is null && TryTest(expectation.Matchers, element, document) is { } holds)
        {
            return holds;
        }

        return Check(document, expectation, EvidenceNode.JsonView(element, lines), indices, filled, failures);
    }

    /// <summary>
    /// The matchers' answer on a JSON value itself, exactly as <see cref="Test"/> would give it, for the common cases
    /// (a string against scalars for equals, not, in, not-in; a number against a number for min, max; matches on an
    /// unescaped scalar; not-equal-field between unescaped strings; exists). Null when it takes a node to answer.
    /// </summary>
    private static bool? TryTest(IReadOnlyList<Matcher> matchers, JsonElement element, EvidenceDocument document)
    {
        for (var m = 0; m < matchers.Count; m++)
        {
            var matcher = matchers[m];
            bool? holds = matcher.Kind switch
            {
                MatcherKind.Exists => ExpectsPresence(matcher),
                MatcherKind.EqualTo => StringEquals(element, matcher.Value),
                MatcherKind.NotEqualTo => !StringEquals(element, matcher.Value),
                MatcherKind.In => StringIn(element, matcher.Values),
                MatcherKind.NotIn => !StringIn(element, matcher.Values),
                MatcherKind.Min => NumberCompare(element, matcher.Value) is { } min ? min >= 0 : null,
                MatcherKind.Max => NumberCompare(element, matcher.Value) is { } max ? max <= 0 : null,
                MatcherKind.Matches => TryMatch(element, matcher.Pattern),
                MatcherKind.NotEqualField => DiffersFromField(element, matcher.Field, document),
                _ => null,
            };

            if (holds != true)
            {
                return holds;
            }
        }

        return true;
    }

    // A string equals a scalar written with the same text, and never null (AreEqual); null when not a string.
    private static bool? StringEquals(JsonElement element, EvidenceNode? value) =>
        element.ValueKind == JsonValueKind.String && value is { IsScalar: true }
            ? value.Kind != EvidenceNodeKind.Null && element.ValueEquals(value.Text)
            : null;

    private static bool? StringIn(JsonElement element, IReadOnlyList<EvidenceNode> values)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var found = false;
        for (var i = 0; i < values.Count; i++)
        {
            if (!values[i].IsScalar)
            {
                return null;
            }

            found |= values[i].Kind != EvidenceNodeKind.Null && element.ValueEquals(values[i].Text);
        }

        return found;
    }

    // Compare's numeric branch; null for anything else, or a number double cannot hold.
    private static int? NumberCompare(JsonElement element, EvidenceNode? bound) =>
        element.ValueKind == JsonValueKind.Number && bound is { Kind: EvidenceNodeKind.Number, Number: { } y } && !double.IsNaN(y)
            && element.TryGetDouble(out var x) && double.IsFinite(x)
            ? x.CompareTo(y)
            : null;

    private static bool? TryMatch(JsonElement element, Regex? pattern)
    {
        if (pattern is null || element.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array
            || !TryUnescaped(element, out var utf8) || utf8.Length > 256)
        {
            return pattern is null ? false : null;
        }

        Span<char> text = stackalloc char[256];
        return Encoding.UTF8.TryGetChars(utf8, text, out var written) ? pattern.IsMatch(text[..written]) : null;
    }

    private static bool? DiffersFromField(JsonElement element, DocumentPath? field, EvidenceDocument document)
    {
        if (field is null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String || !TryUnescaped(element, out var value)
            || !document.Root.TryGetJson(out var other, out _))
        {
            return null;
        }

        var pointer = EvidencePathResolver.IsPointer(field);
        foreach (var step in field.Segments)
        {
            if (step.IsWildcard)
            {
                return null;
            }

            if (!EvidencePathResolver.TryStep(other, step, pointer, out other))
            {
                return true; // A value differs from a field that is not there.
            }
        }

        return other.ValueKind switch
        {
            JsonValueKind.String => TryUnescaped(other, out var otherValue) ? !value.SequenceEqual(otherValue) : null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => !value.SequenceEqual(JsonMarshal.GetRawUtf8Value(other)),
            JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array => true,
            _ => null,
        };
    }

    /// <summary>A scalar's text as UTF-8 straight from the document: a string without escapes, or a number or boolean as written.</summary>
    private static bool TryUnescaped(JsonElement element, out ReadOnlySpan<byte> utf8)
    {
        utf8 = JsonMarshal.GetRawUtf8Value(element);
        if (element.ValueKind == JsonValueKind.String)
        {
            utf8 = utf8[1..^1];
            return utf8.IndexOf((byte)'\\') < 0;
        }

        return element.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
    }

    private static bool AllScalars(IReadOnlyList<EvidenceNode> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!values[i].IsScalar)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Check(EvidenceDocument document, FieldExpectation expectation, EvidenceNode? node, ReadOnlySpan<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        var matchers = expectation.Matchers;
        if (node is null)
        {
            for (var i = 0; i < matchers.Count; i++)
            {
                if (matchers[i].Kind == MatcherKind.Exists && !ExpectsPresence(matchers[i]))
                {
                    return true;
                }
            }

            if (failures is not null)
            {
                var where = EvidencePathResolver.Concrete(expectation.Path, indices, filled);
                var expected = string.Join(", ", matchers.Select(m => Describe(m, document)));
                lock (failures)
                {
                    failures.Add(new ExpectationFailure(where, $"{where} is absent, expected {expected}", expected, "absent", SourcePosition.OfFile(document.Path)));
                }
            }

            return false;
        }

        var holds = true;
        for (var i = 0; i < matchers.Count; i++)
        {
            var matcher = matchers[i];
            if (Test(matcher, node, document))
            {
                continue;
            }

            holds = false;
            if (failures is null)
            {
                return false;
            }

            var where = EvidencePathResolver.Concrete(expectation.Path, indices, filled);
            var expected = Describe(matcher, document);
            var actual = node.Display();
            lock (failures)
            {
                failures.Add(new ExpectationFailure(where, $"{where} is {actual}, expected {expected}", expected, actual, node.Position));
            }
        }

        return holds;
    }

    /// <summary>Whether <paramref name="node"/> (present) satisfies <paramref name="matcher"/>.</summary>
    public static bool Test(Matcher matcher, EvidenceNode node, EvidenceDocument document)
    {
        switch (matcher.Kind)
        {
            case MatcherKind.EqualTo:
                return matcher.Value is { } equal && AreEqual(node, equal);
            case MatcherKind.NotEqualTo:
                return matcher.Value is not { } notEqual || !AreEqual(node, notEqual);
            case MatcherKind.In:
                foreach (var value in matcher.Values)
                {
                    if (AreEqual(node, value))
                    {
                        return true;
                    }
                }

                return false;
            case MatcherKind.NotIn:
                foreach (var value in matcher.Values)
                {
                    if (AreEqual(node, value))
                    {
                        return false;
                    }
                }

                return true;
            case MatcherKind.Min:
                return matcher.Value is { } min && Compare(node, min) is >= 0;
            case MatcherKind.Max:
                return matcher.Value is { } max && Compare(node, max) is <= 0;
            case MatcherKind.Matches:
                return node.IsScalar && node.Kind != EvidenceNodeKind.Null && matcher.Pattern is { } pattern && pattern.IsMatch(node.Text!);
            case MatcherKind.Exists:
                return ExpectsPresence(matcher);
            case MatcherKind.Type:
                return IsOfType(node, matcher.Value?.Text);
            case MatcherKind.NotEqualField:
                if (matcher.Field is not { } field)
                {
                    return true;
                }

                // A value differs from a field that is not there.
                foreach (var other in EvidencePathResolver.Resolve(document.Root, field))
                {
                    if (other.Node is not null && AreEqual(node, other.Node))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Equality as the matchers see it: two numbers compare numerically (<c>1.0</c> equals <c>1</c>); null equals only null;
    /// objects and arrays compare deeply; other scalars by their text, so the string <c>"42"</c> equals the number <c>42</c>.
    /// </summary>
    public static bool AreEqual(EvidenceNode a, EvidenceNode b)
    {
        if (a.Kind == EvidenceNodeKind.Number && b.Kind == EvidenceNodeKind.Number)
        {
            return a.Number is { } x && b.Number is { } y ? x.Equals(y) : string.Equals(a.Text, b.Text, StringComparison.Ordinal);
        }

        if (a.IsScalar && b.IsScalar)
        {
            if ((a.Kind == EvidenceNodeKind.Null) != (b.Kind == EvidenceNodeKind.Null))
            {
                return false;
            }

            // The common case over thousands of documents: a string in the evidence against one in the runbook.
            if (a.Kind == EvidenceNodeKind.String && b.Text is { } expected)
            {
                return a.StringEquals(expected);
            }

            return string.Equals(a.Text, b.Text, StringComparison.Ordinal);
        }

        if (a.Kind != b.Kind)
        {
            return false;
        }

        if (a.Kind == EvidenceNodeKind.Array)
        {
            if (a.Items.Count != b.Items.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Items.Count; i++)
            {
                if (!AreEqual(a.Items[i], b.Items[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (a.Properties.Count != b.Properties.Count)
        {
            return false;
        }

        foreach (var (name, value) in a.Properties)
        {
            if (b[name] is not { } other || !AreEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Numbers numerically, strings ordinally; null when the two cannot be ordered (a string against a number).</summary>
    public static int? Compare(EvidenceNode actual, EvidenceNode bound)
    {
        if (actual.Kind == EvidenceNodeKind.Number && bound.Kind == EvidenceNodeKind.Number)
        {
            return actual.Number is { } x && bound.Number is { } y && !double.IsNaN(x) && !double.IsNaN(y) ? x.CompareTo(y) : null;
        }

        if (actual.Kind == EvidenceNodeKind.String && bound.Kind == EvidenceNodeKind.String)
        {
            return Math.Sign(string.CompareOrdinal(actual.Text, bound.Text));
        }

        return null;
    }

    /// <summary>What a matcher asks for, as a message shows it: <c>"PASS"</c>, <c>&lt;= 0.25</c>, <c>none of "BLOCK", "HALT"</c>.</summary>
    public static string Describe(Matcher matcher, EvidenceDocument? document = null) => matcher.Kind switch
    {
        MatcherKind.EqualTo => matcher.Value?.Display() ?? "a value",
        MatcherKind.NotEqualTo => "not " + matcher.Value?.Display(),
        MatcherKind.In => "one of " + string.Join(", ", matcher.Values.Select(v => v.Display())),
        MatcherKind.NotIn => "none of " + string.Join(", ", matcher.Values.Select(v => v.Display())),
        MatcherKind.Min => (matcher.Value?.Kind == EvidenceNodeKind.Number ? "a number >= " : ">= ") + matcher.Value?.Display(),
        MatcherKind.Max => (matcher.Value?.Kind == EvidenceNodeKind.Number ? "a number <= " : "<= ") + matcher.Value?.Display(),
        MatcherKind.Matches => "a value matching /" + matcher.Pattern + "/",
        MatcherKind.Exists => ExpectsPresence(matcher) ? "present" : "absent",
        MatcherKind.Type => "of type " + matcher.Value?.Text,
        MatcherKind.NotEqualField => DescribeOtherField(matcher.Field, document),
        _ => matcher.Key,
    };

    private static string DescribeOtherField(DocumentPath? field, EvidenceDocument? document)
    {
        if (field is null)
        {
            return "a different value";
        }

        var other = document is null ? null : EvidencePathResolver.ResolveFirst(document.Root, field);
        return other is null ? $"different from {field.Text}" : $"different from {field.Text} ({other.Display()})";
    }

    private static bool ExpectsPresence(Matcher matcher) => matcher.Value?.Boolean ?? !string.Equals(matcher.Value?.Text, "false", StringComparison.OrdinalIgnoreCase);

    private static bool IsOfType(EvidenceNode node, string? type) => type switch
    {
        "string" => node.Kind == EvidenceNodeKind.String,
        "number" => node.Kind == EvidenceNodeKind.Number,
        "integer" => node.Kind == EvidenceNodeKind.Number && node.Number is { } n && double.IsInteger(n),
        "boolean" => node.Kind == EvidenceNodeKind.Boolean,
        "null" => node.Kind == EvidenceNodeKind.Null,
        "object" => node.Kind == EvidenceNodeKind.Object,
        "array" => node.Kind == EvidenceNodeKind.Array,
        _ => false,
    };
}
