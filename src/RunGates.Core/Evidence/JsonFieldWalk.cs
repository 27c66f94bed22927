using System.Text.Json;

namespace RunGates.Core.Evidence;

/// <summary>
/// <see cref="FieldWalk"/> through a JSON document's values themselves: no node is made on the way, filters are
/// answered on the values (<see cref="FilterEvaluator"/>), and none at the end when the matchers can be answered on the
/// value (<see cref="JsonMatcherTest"/>), so passing documents allocate nothing, under <c>[*]</c> and filters too.
/// Anything else hands over to the nodes, which define the answer; so do the keys of <c>*~</c> (a key is no JSON value).
/// </summary>
internal static class JsonFieldWalk
{
    public static bool Walk(FieldExpectation expectation, in MatchScope scope, JsonElement element, JsonElement root, JsonLineMap lines, JsonElement? current, int segment, Span<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        var segments = expectation.Path.Segments;
        var pointer = EvidencePathResolver.IsPointer(expectation.Path);
        while (segment < segments.Count)
        {
            var step = segments[segment];
            if (step.IsKeys)
            {
                var node = EvidenceNode.JsonView(element, lines);
                return FieldWalk.Keys(expectation, NodeScope(scope, current, lines), node, element.ValueKind == JsonValueKind.Object ? node.Properties : null, indices, filled, failures);
            }

            if (step.IsWildcard)
            {
                if (element.ValueKind != JsonValueKind.Array)
                {
                    return FieldCheck.NotAnArray(expectation, EvidenceNode.JsonView(element, lines), step, indices, filled, failures);
                }

                var filter = step.Filter;
                if (segment == segments.Count - 1 && expectation.CountsSelection)
                {
                    var count = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        count += filter is null || FilterEvaluator.Holds(filter, item, root, lines) ? 1 : 0;
                    }

                    if (failures is null && JsonMatcherTest.TryCount(expectation.Matchers[0], count, root, current, scope.Sources) is { } quick)
                    {
                        return quick;
                    }

                    return FieldCheck.CheckSelectionCount(expectation, count, EvidenceNode.JsonView(element, lines), NodeScope(scope, current, lines), indices, filled, failures);
                }

                var all = true;
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var index = i++;
                    if (filter is not null && !FilterEvaluator.Holds(filter, item, root, lines))
                    {
                        continue;
                    }

                    indices[filled] = index;
                    if (!Walk(expectation, scope, item, root, lines, item, segment + 1, indices, filled + 1, failures))
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
                return Absent(expectation, scope, lines, current, indices, filled, failures);
            }

            segment++;
        }

        if (failures is null && JsonMatcherTest.TryTest(expectation.Matchers, element, root, current, scope.Sources) is { } holds)
        {
            return holds;
        }

        return FieldCheck.Check(expectation, EvidenceNode.JsonView(element, lines), NodeScope(scope, current, lines), indices, filled, failures);
    }

    private static bool Absent(FieldExpectation expectation, in MatchScope scope, JsonLineMap lines, JsonElement? current, Span<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        if (failures is null && JsonMatcherTest.TryAbsent(expectation.Matchers) is { } holds)
        {
            return holds;
        }

        return FieldCheck.Check(expectation, null, NodeScope(scope, current, lines), indices, filled, failures);
    }

    // The element under test as a node, for matchers answered on nodes (@ references).
    private static MatchScope NodeScope(in MatchScope scope, JsonElement? current, JsonLineMap lines) =>
        current is { } element ? scope with { Element = EvidenceNode.JsonView(element, lines) } : scope;
}
