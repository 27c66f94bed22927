namespace RunGates.Core.Evidence;

/// <summary>
/// The matchers that compare with a REF: <c>equals-field</c>, <c>not-equal-field</c>, <c>min-field</c>,
/// <c>max-field</c> (REF names exactly one value) and <c>in-field</c>, <c>not-in-field</c> (every value REF names: a
/// selection's values, or the items of the one array it names). A REF that does not resolve fails the matcher,
/// negative or not; with the REF resolved, the negative ones hold on an absent value. A <c>bundle:LATEST</c> REF with
/// <c>if-none: pass</c> holds every matcher when no run was ever committed (a first run has nothing to compare with).
/// </summary>
internal static class ReferenceMatchers
{
    public static bool Test(Matcher matcher, EvidenceNode? node, in MatchScope scope)
    {
        var resolution = scope.Resolve(matcher.Reference!);
        if (resolution.NoEarlierBundle)
        {
            return true;
        }

        if (matcher.Kind is MatcherKind.InField or MatcherKind.NotInField)
        {
            if (Members(resolution, out _) is not { } members)
            {
                return false;
            }

            return node is null ? matcher.Kind == MatcherKind.NotInField : MatcherTest.AnyEqual(node, members) == (matcher.Kind == MatcherKind.InField);
        }

        if (resolution.Single(out _) is not { } other)
        {
            return false;
        }

        if (node is null)
        {
            return matcher.Kind == MatcherKind.NotEqualField;
        }

        return matcher.Kind switch
        {
            MatcherKind.EqualsField => ValueComparison.AreEqual(node, other),
            MatcherKind.NotEqualField => !ValueComparison.AreEqual(node, other),
            MatcherKind.MinField => ValueComparison.Compare(node, other) is >= 0,
            _ => ValueComparison.Compare(node, other) is <= 0,
        };
    }

    /// <summary>Why the REF did not resolve, or null when it did.</summary>
    public static string? Why(Matcher matcher, in MatchScope scope)
    {
        var resolution = scope.Resolve(matcher.Reference!);
        string? why;
        if (matcher.Kind is MatcherKind.InField or MatcherKind.NotInField)
        {
            Members(resolution, out why);
        }
        else
        {
            resolution.Single(out why);
        }

        return why;
    }

    /// <summary>The REF's value as a description shows it: <c>("ana")</c>, <c>(3 values)</c>, or empty when it does not resolve.</summary>
    public static string Shown(Matcher matcher, in MatchScope scope)
    {
        var resolution = scope.Resolve(matcher.Reference!);
        if (resolution.NoEarlierBundle)
        {
            return " (no earlier bundle: holds, if-none: pass)";
        }

        if (matcher.Kind is MatcherKind.InField or MatcherKind.NotInField)
        {
            return Members(resolution, out _) is { } members
                ? members.Count <= 5 ? $" ({string.Join(", ", members.Select(m => m.Display()))})" : $" ({members.Count} values)"
                : "";
        }

        return resolution.Single(out _) is { } value ? $" ({value.Display()})" : "";
    }

    /// <summary>in-field's set: every value of a selection, or the items of the one array the REF names.</summary>
    private static IReadOnlyList<EvidenceNode>? Members(ReferenceResolution resolution, out string? why)
    {
        why = null;
        if (resolution.Reference.SelectsMany && resolution.Succeeded)
        {
            return resolution.Values.Select(v => v.Node!).ToList();
        }

        if (resolution.Single(out why) is not { } one)
        {
            return null;
        }

        return one.Kind == EvidenceNodeKind.Array ? one.Items : [one];
    }
}
