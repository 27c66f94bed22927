using System.Globalization;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// <c>any-of</c>, <c>all-of</c>, <c>none-of</c>. A failing any-of is one failure naming every alternative and why each
/// failed; all-of reports its alternatives' own failures; none-of names each alternative that holds, at the first value
/// that alternative tests.
/// </summary>
internal static class GroupEvaluator
{
    public static bool Evaluate(ExpectationGroup group, in MatchScope scope, List<ExpectationFailure>? failures)
    {
        switch (group.Kind)
        {
            case GroupKind.AllOf:
                var all = true;
                foreach (var alternative in group.Alternatives)
                {
                    if (!ExpectationEvaluator.Evaluate(alternative, scope, failures))
                    {
                        all = false;
                        if (failures is null)
                        {
                            return false;
                        }
                    }
                }

                return all;
            case GroupKind.AnyOf:
                foreach (var alternative in group.Alternatives)
                {
                    if (ExpectationEvaluator.Evaluate(alternative, scope, null))
                    {
                        return true;
                    }
                }

                if (failures is not null)
                {
                    failures.Add(AnyOfFailure(group, scope));
                }

                return false;
            default:
                var none = true;
                for (var i = 0; i < group.Alternatives.Count; i++)
                {
                    if (!ExpectationEvaluator.Evaluate(group.Alternatives[i], scope, null))
                    {
                        // An alternative that fails only because a REF names nothing is no pass: a comparison with nothing.
                        if (UnresolvedReferences.Find(group.Alternatives[i], scope) is not { } why)
                        {
                            continue;
                        }

                        none = false;
                        failures?.Add(new ExpectationFailure($"none-of[{i + 1}]", $"none-of[{i + 1}] cannot be decided: {why}", "a reference that resolves", "unresolved", SourcePosition.OfFile(scope.Document.Path)));
                        if (failures is null)
                        {
                            return false;
                        }

                        continue;
                    }

                    none = false;
                    if (failures is null)
                    {
                        return false;
                    }

                    var alternative = Describe(group.Alternatives[i]);
                    var where = $"none-of[{i + 1}]";
                    failures.Add(new ExpectationFailure(where, $"{where} ({alternative}) holds, expected none of the {DiagnosticText.Count(group.Alternatives.Count, "alternative")} of none-of{ReferenceResolution.Where(group.Position)} to hold", "none holds", alternative, FirstValue(group.Alternatives[i], scope)));
                }

                return none;
        }
    }

    private static ExpectationFailure AnyOfFailure(ExpectationGroup group, in MatchScope scope)
    {
        var reasons = new List<string>();
        SourcePosition? position = null;
        for (var i = 0; i < group.Alternatives.Count; i++)
        {
            var inner = new List<ExpectationFailure>();
            ExpectationEvaluator.Evaluate(group.Alternatives[i], scope, inner);
            position ??= inner.FirstOrDefault()?.Position;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{i + 1}) {string.Join("; ", inner.Select(f => f.Message))}"));
        }

        var expected = $"one of {DiagnosticText.Count(group.Alternatives.Count, "alternative")}";
        return new ExpectationFailure("any-of", $"no alternative of any-of{ReferenceResolution.Where(group.Position)} holds: {string.Join(" | ", reasons)}", expected, "none holds", position ?? SourcePosition.OfFile(scope.Document.Path));
    }

    /// <summary>An alternative as a message shows it: <c>status "PASS", lane present</c>.</summary>
    internal static string Describe(IReadOnlyList<Expectation> alternative) =>
        string.Join(", ", alternative.Select(e => e is FieldExpectation field
            ? $"{field.Path.Text} {string.Join(", ", field.Matchers.Select(m => MatcherDescription.Describe(m, null)))}"
            : e.Name));

    private static SourcePosition FirstValue(IReadOnlyList<Expectation> alternative, in MatchScope scope)
    {
        foreach (var expectation in alternative)
        {
            if (expectation is FieldExpectation field && EvidencePathResolver.ResolveFirst(scope.Start, field.Path) is { } node)
            {
                return node.Position;
            }
        }

        return SourcePosition.OfFile(scope.Document.Path);
    }
}
