namespace RunGates.Core.Evidence;

/// <summary>
/// <c>distinct: PATH</c>: no two items of an array have the same value at PATH (relative to each item; <c>@</c> for
/// the items themselves), equality as the matchers see it. So a count of signatures cannot be reached by one signer
/// signing twice. An item without a value at PATH fails too: "distinct by signer" presupposes a signer.
/// </summary>
internal static class DistinctMatcher
{
    /// <summary>Null when every item differs; otherwise why not: the two items, or the item without a value.</summary>
    public static string? Check(Matcher matcher, EvidenceNode node)
    {
        if (node.Kind != EvidenceNodeKind.Array)
        {
            return "it is not an array";
        }

        var path = matcher.ItemPath ?? DocumentPath.Root;
        var label = path.Segments.Count == 0 ? "value" : path.Text;
        var items = node.Items;

        // Scalars other than null equal exactly when their text does (a string and a number compare by text), so they
        // are found by text in one pass; numbers also compare numerically (1.0 equals 1), so they, null, objects and
        // arrays are compared pairwise among themselves as well (ValueComparison.AreEqual, the matchers' equality).
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        var others = new List<(int Index, EvidenceNode Value)>();
        for (var i = 0; i < items.Count; i++)
        {
            var value = path.Segments.Count == 0 ? items[i] : EvidencePathResolver.ResolveFirst(items[i], path);
            if (value is null)
            {
                return $"item {i} has no {label}";
            }

            if (value.IsScalar && value.Kind != EvidenceNodeKind.Null && value.Text is { } text && !byText.TryAdd(text, i))
            {
                return $"items {byText[text]} and {i} have the same {label}, {value.Display()}";
            }

            if (value.IsScalar && value.Kind is not (EvidenceNodeKind.Number or EvidenceNodeKind.Null))
            {
                continue;
            }

            foreach (var (index, other) in others)
            {
                if (ValueComparison.AreEqual(other, value))
                {
                    return $"items {index} and {i} have the same {label}, {value.Display()}";
                }
            }

            others.Add((i, value));
        }

        return null;
    }
}
