using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RunGates.Core.Evidence;

/// <summary>
/// Finds the nodes a <see cref="DocumentPath"/> names. A dotted path steps through properties and indices; <c>[*]</c>
/// fans out to every element, a filter to the elements it selects, a last <c>*~</c> to the keys of an object (each a
/// string node at its entry's position). A JSON Pointer segment names a property, or an element when it meets an array.
/// </summary>
public static class EvidencePathResolver
{
    /// <summary>One place a path reaches: the concrete path (wildcards replaced by indices) and the node, null when absent.</summary>
    public readonly record struct Resolution(string Path, EvidenceNode? Node);

    /// <summary>
    /// Every place the path reaches. Without wildcards that is exactly one (possibly absent); with <c>[*]</c> one per
    /// element, none for an empty array, and one absent resolution where a wildcard meets something that is not an array.
    /// </summary>
    public static IReadOnlyList<Resolution> Resolve(EvidenceNode root, DocumentPath path) => Resolve(root, path, root);

    /// <summary>
    /// As <see cref="Resolve(EvidenceNode, DocumentPath)"/> from <paramref name="start"/> (an element, for <c>@</c>
    /// references), with <paramref name="documentRoot"/> the document's root that <c>$</c> in a filter names.
    /// </summary>
    public static IReadOnlyList<Resolution> Resolve(EvidenceNode start, DocumentPath path, EvidenceNode documentRoot) =>
        Resolve(start, path, documentRoot, null);

    /// <summary>
    /// As above, with <paramref name="outer"/> the element under test where a REF is written, which <c>^</c> in a filter
    /// names (a join: <c>results[?probe==^.probe]</c>); null where there is none.
    /// </summary>
    public static IReadOnlyList<Resolution> Resolve(EvidenceNode start, DocumentPath path, EvidenceNode documentRoot, EvidenceNode? outer)
    {
        var results = new List<Resolution>();
        var indices = new int[path.Segments.Count];
        Walk(start, documentRoot, outer, path, 0, indices, 0, results);
        return results;
    }

    /// <summary>The keys of an object as string nodes, for <c>*~</c>; each is placed at its value (the entry's line).</summary>
    internal static EvidenceNode Key(string name, EvidenceNode value) => EvidenceNode.Scalar(EvidenceNodeKind.String, name, () => value.Position);

    /// <summary>The first node the path reaches, or null.</summary>
    public static EvidenceNode? ResolveFirst(EvidenceNode root, DocumentPath path)
    {
        foreach (var resolution in Resolve(root, path))
        {
            if (resolution.Node is not null)
            {
                return resolution.Node;
            }
        }

        return null;
    }

    private static void Walk(EvidenceNode? node, EvidenceNode root, EvidenceNode? outer, DocumentPath path, int segment, int[] indices, int filled, List<Resolution> results)
    {
        var segments = path.Segments;
        while (node is not null && segment < segments.Count)
        {
            var step = segments[segment];
            if (step.IsKeys)
            {
                if (node.Kind != EvidenceNodeKind.Object)
                {
                    node = null;
                    break;
                }

                var properties = node.Properties;
                for (var i = 0; i < properties.Count; i++)
                {
                    indices[filled] = i;
                    results.Add(new Resolution(Concrete(path, indices, filled + 1), Key(properties[i].Key, properties[i].Value)));
                }

                return;
            }

            if (step.IsWildcard)
            {
                if (node.Kind != EvidenceNodeKind.Array)
                {
                    node = null;
                    break;
                }

                for (var i = 0; i < node.Items.Count; i++)
                {
                    if (step.Filter is { } filter && !FilterEvaluator.Holds(filter, node.Items[i], root, outer))
                    {
                        continue;
                    }

                    indices[filled] = i;
                    Walk(node.Items[i], root, outer, path, segment + 1, indices, filled + 1, results);
                }

                return;
            }

            node = Step(node, step, IsPointer(path));
            segment++;
        }

        results.Add(new Resolution(Concrete(path, indices, filled), node));
    }

    internal static bool IsPointer(DocumentPath path) => path.Text.Length > 0 && path.Text[0] == '/';

    /// <summary>One step down from <paramref name="node"/>, or null when there is nothing there.</summary>
    internal static EvidenceNode? Step(EvidenceNode node, DocumentPathSegment step, bool pointer)
    {
        if (step.Name is { } name)
        {
            if (node.Kind == EvidenceNodeKind.Object)
            {
                return node[name];
            }

            // RFC 6901: on an array the segment is an index, without leading zeros.
            if (pointer && node.Kind == EvidenceNodeKind.Array && TryPointerIndex(name, out var pointerIndex))
            {
                return pointerIndex < node.Items.Count ? node.Items[pointerIndex] : null;
            }

            return null;
        }

        if (step.Index is { } index)
        {
            return node.Kind == EvidenceNodeKind.Array && index < node.Items.Count ? node.Items[index] : null;
        }

        return null;
    }

    /// <summary>
    /// <see cref="Step"/> over a JSON value itself: the same answers (the last duplicate key wins, RFC 6901 indices on
    /// arrays for pointers), without a node.
    /// </summary>
    internal static bool TryStep(JsonElement element, DocumentPathSegment step, bool pointer, out JsonElement child)
    {
        child = default;
        if (step.Name is { } name)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                return JsonStringText.TryGetProperty(element, name, out child);
            }

            if (pointer && element.ValueKind == JsonValueKind.Array && TryPointerIndex(name, out var pointerIndex)
                && pointerIndex < element.GetArrayLength())
            {
                child = element[pointerIndex];
                return true;
            }

            return false;
        }

        if (step.Index is { } index && element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength())
        {
            child = element[index];
            return true;
        }

        return false;
    }

    /// <summary>A JSON Pointer segment as an array index (RFC 6901: digits only, no leading zeros).</summary>
    private static bool TryPointerIndex(string name, out int index)
    {
        index = 0;
        return name.Length > 0 && (name == "0" || name[0] != '0') && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>The path as written with its first <paramref name="filled"/> wildcards replaced by the indices reached.</summary>
    internal static string Concrete(DocumentPath path, ReadOnlySpan<int> indices, int filled)
    {
        if (filled == 0 || IsPointer(path))
        {
            return path.Text;
        }

        var text = new StringBuilder(path.Text.Length + 8);
        var wildcard = 0;
        foreach (var segment in path.Segments)
        {
            if (segment.Name is { } name)
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(name);
            }
            else if (segment.Index is { } index)
            {
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (segment.IsKeys)
            {
                // The key itself is the value a message shows, so the path keeps '*~'.
                text.Append(text.Length > 0 ? ".*~" : "*~");
                wildcard++;
            }
            else
            {
                text.Append(wildcard < filled ? "[" + indices[wildcard].ToString(CultureInfo.InvariantCulture) + "]"
                    : segment.Filter is { } filter ? "[?" + filter.Text + "]" : "[*]");
                wildcard++;
            }
        }

        return text.ToString();
    }
}
