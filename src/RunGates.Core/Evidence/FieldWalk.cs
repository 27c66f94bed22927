namespace RunGates.Core.Evidence;

/// <summary>
/// Walks one <see cref="FieldExpectation"/>'s path through nodes: <c>[*]</c> and filters fan out (each selected
/// element must match, and becomes <c>@</c> below it; none selected holds), a final selection under <c>count</c> is
/// counted instead; a selection that meets a present non-array fails. A last <c>*~</c> tests each key of an object as a
/// string (and becomes <c>@</c>); on a present non-object it fails. A JSON document is walked on its values instead (<see cref="JsonFieldWalk"/>).
/// </summary>
internal static class FieldWalk
{
    public static bool Evaluate(FieldExpectation expectation, in MatchScope scope, List<ExpectationFailure>? failures)
    {
        var segments = expectation.Path.Segments.Count;
        Span<int> indices = segments <= 16 ? stackalloc int[16] : new int[segments];
        var start = scope.Start;
        if (start.TryGetJson(out var element, out var lines) && scope.Document.Root.TryGetJson(out var root, out _))
        {
            return JsonFieldWalk.Walk(expectation, scope, element, root, lines!, scope.Base is null ? null : element, 0, indices, 0, failures);
        }

        return Walk(expectation, scope, start, 0, indices, 0, failures);
    }

    private static bool Walk(FieldExpectation expectation, in MatchScope scope, EvidenceNode? node, int segment, Span<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        var segments = expectation.Path.Segments;
        var pointer = EvidencePathResolver.IsPointer(expectation.Path);
        while (node is not null && segment < segments.Count)
        {
            var step = segments[segment];
            if (step.IsKeys)
            {
                return Keys(expectation, scope, node, node.Kind == EvidenceNodeKind.Object ? node.Properties : null, indices, filled, failures);
            }

            if (step.IsWildcard)
            {
                if (node.Kind != EvidenceNodeKind.Array)
                {
                    return FieldCheck.NotAnArray(expectation, node, step, indices, filled, failures);
                }

                var items = node.Items;
                var filter = step.Filter;
                if (segment == segments.Count - 1 && expectation.CountsSelection)
                {
                    var count = 0;
                    for (var i = 0; i < items.Count; i++)
                    {
                        count += filter is null || FilterEvaluator.Holds(filter, items[i], scope.Document.Root) ? 1 : 0;
                    }

                    return FieldCheck.CheckSelectionCount(expectation, count, node, scope, indices, filled, failures);
                }

                var all = true;
                for (var i = 0; i < items.Count; i++)
                {
                    if (filter is not null && !FilterEvaluator.Holds(filter, items[i], scope.Document.Root))
                    {
                        continue;
                    }

                    indices[filled] = i;
                    if (!Walk(expectation, scope with { Element = items[i] }, items[i], segment + 1, indices, filled + 1, failures))
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

        return FieldCheck.Check(expectation, node, scope, indices, filled, failures);
    }

    /// <summary>
    /// <c>*~</c> on <paramref name="node"/>: each key of its <paramref name="properties"/> (null when it is no object,
    /// which fails) meets the matchers, or <c>count</c> counts them. Shared with <see cref="JsonFieldWalk"/>: a key is a
    /// node of its own either way, placed at its value.
    /// </summary>
    internal static bool Keys(FieldExpectation expectation, in MatchScope scope, EvidenceNode node, IReadOnlyList<KeyValuePair<string, EvidenceNode>>? properties, Span<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        if (properties is null)
        {
            return FieldCheck.NotAnArray(expectation, node, DocumentPathSegment.Keys, indices, filled, failures);
        }

        if (expectation.CountsSelection)
        {
            return FieldCheck.CheckSelectionCount(expectation, properties.Count, node, scope, indices, filled, failures);
        }

        var all = true;
        for (var i = 0; i < properties.Count; i++)
        {
            var key = EvidencePathResolver.Key(properties[i].Key, properties[i].Value);
            indices[filled] = i;
            if (!FieldCheck.Check(expectation, key, scope with { Element = key }, indices, filled + 1, failures))
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
}
