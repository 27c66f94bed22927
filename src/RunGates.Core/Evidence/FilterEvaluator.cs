using System.Text.Json;

namespace RunGates.Core.Evidence;

/// <summary>
/// Whether an element is selected by a filter, on nodes or on a JSON document's values (which must answer alike).
/// The absent rule of the matchers holds here too: <c>!=</c> holds on an absent field, <c>==</c> and the orderings do
/// not; a right-hand <c>@</c>/<c>$</c>/<c>^</c> path that names nothing makes the comparison false whatever its operator.
/// <c>^</c> (the outer element of a join) is answered on nodes only: the walks over JSON values never meet it, since
/// the loader allows it only in a REF's path, which <see cref="ReferenceResolver"/> walks on nodes.
/// </summary>
internal static class FilterEvaluator
{
    public static bool Holds(FilterExpression filter, EvidenceNode candidate, EvidenceNode root, EvidenceNode? outer = null)
    {
        switch (filter.Kind)
        {
            case FilterKind.Presence:
                return Locate(candidate, filter.Left!) is not null;
            case FilterKind.Not:
                return !Holds(filter.Operands[0], candidate, root, outer);
            case FilterKind.And:
                foreach (var operand in filter.Operands)
                {
                    if (!Holds(operand, candidate, root, outer))
                    {
                        return false;
                    }
                }

                return true;
            case FilterKind.Or:
                foreach (var operand in filter.Operands)
                {
                    if (Holds(operand, candidate, root, outer))
                    {
                        return true;
                    }
                }

                return false;
            default:
                var right = filter.Right!;
                var from = right.FromOuter ? outer : right.FromRoot ? root : candidate;
                var other = right.Literal ?? (from is null ? null : Locate(from, right.Path!));
                return other is not null && Compare(filter.Operator, Locate(candidate, filter.Left!), other);
        }
    }

    private static bool Compare(FilterOperator op, EvidenceNode? left, EvidenceNode right)
    {
        if (left is null)
        {
            return op == FilterOperator.NotEqual;
        }

        return op switch
        {
            FilterOperator.Equal => ValueComparison.AreEqual(left, right),
            FilterOperator.NotEqual => !ValueComparison.AreEqual(left, right),
            _ => Ordered(op, ValueComparison.Compare(left, right)),
        };
    }

    private static bool Ordered(FilterOperator op, int? order) => order is { } c && op switch
    {
        FilterOperator.Less => c < 0,
        FilterOperator.LessOrEqual => c <= 0,
        FilterOperator.Greater => c > 0,
        _ => c >= 0,
    };

    private static EvidenceNode? Locate(EvidenceNode start, DocumentPath path)
    {
        var pointer = EvidencePathResolver.IsPointer(path);
        EvidenceNode? node = start;
        for (var i = 0; node is not null && i < path.Segments.Count; i++)
        {
            node = EvidencePathResolver.Step(node, path.Segments[i], pointer);
        }

        return node;
    }

    /// <summary><see cref="Holds(FilterExpression, EvidenceNode, EvidenceNode, EvidenceNode?)"/> on JSON values: no node unless a comparison needs one.</summary>
    public static bool Holds(FilterExpression filter, JsonElement candidate, JsonElement root, JsonLineMap lines)
    {
        switch (filter.Kind)
        {
            case FilterKind.Presence:
                return Locate(candidate, filter.Left!, out _);
            case FilterKind.Not:
                return !Holds(filter.Operands[0], candidate, root, lines);
            case FilterKind.And:
                for (var i = 0; i < filter.Operands.Count; i++)
                {
                    if (!Holds(filter.Operands[i], candidate, root, lines))
                    {
                        return false;
                    }
                }

                return true;
            case FilterKind.Or:
                for (var i = 0; i < filter.Operands.Count; i++)
                {
                    if (Holds(filter.Operands[i], candidate, root, lines))
                    {
                        return true;
                    }
                }

                return false;
        }

        var right = filter.Right!;
        JsonElement otherJson = default;
        if (right.FromOuter)
        {
            return false; // No outer element on this path (see the summary): a comparison with nothing holds for none.
        }

        if (right.Literal is null && !Locate(right.FromRoot ? root : candidate, right.Path!, out otherJson))
        {
            return false;
        }

        if (!Locate(candidate, filter.Left!, out var left))
        {
            return filter.Operator == FilterOperator.NotEqual;
        }

        if (right.Literal is { } literal)
        {
            if (filter.Operator is FilterOperator.Equal or FilterOperator.NotEqual)
            {
                if (ValueComparison.JsonEquals(left, literal) is { } equal)
                {
                    return equal == (filter.Operator == FilterOperator.Equal);
                }
            }
            else if (ValueComparison.TryJsonCompare(left, literal, out var order))
            {
                return Ordered(filter.Operator, order);
            }

            return Compare(filter.Operator, EvidenceNode.JsonView(left, lines), literal);
        }

        if (filter.Operator is FilterOperator.Equal or FilterOperator.NotEqual && ValueComparison.JsonRawEquals(left, otherJson) is { } same)
        {
            return same == (filter.Operator == FilterOperator.Equal);
        }

        return Compare(filter.Operator, EvidenceNode.JsonView(left, lines), EvidenceNode.JsonView(otherJson, lines));
    }

    private static bool Locate(JsonElement start, DocumentPath path, out JsonElement found)
    {
        var pointer = EvidencePathResolver.IsPointer(path);
        found = start;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            if (!EvidencePathResolver.TryStep(found, path.Segments[i], pointer, out found))
            {
                return false;
            }
        }

        return true;
    }
}
