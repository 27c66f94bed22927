namespace RunGates.Core.Evidence;

/// <summary>
/// Whether a map that did not hold failed only for want of a REF's value. Where not holding would pass a check (a
/// <c>none-of</c> alternative, a <c>when</c> that skips a record, an <c>infeasible-when</c>), that is no answer: a
/// comparison with nothing is not a pass. REFs relative to an element (<c>@</c>) are decided per element and not here;
/// so is a join's value (<c>^</c>), though a join whose document cannot be read is found here.
/// </summary>
internal static class UnresolvedReferences
{
    /// <summary>Why a REF of the map (one not relative to an element) does not resolve, or null when all do.</summary>
    public static string? Find(IReadOnlyList<Expectation> alternative, MatchScope scope)
    {
        // Plain loops: this runs for every record a when skips, and finds nothing to resolve in most maps.
        for (var i = 0; i < alternative.Count; i++)
        {
            if (alternative[i] is FieldExpectation field && Find(field.Matchers, scope) is { } why)
            {
                return why;
            }

            if (alternative[i] is ExpectationGroup group)
            {
                for (var a = 0; a < group.Alternatives.Count; a++)
                {
                    if (Find(group.Alternatives[a], scope) is { } inner)
                    {
                        return inner;
                    }
                }
            }
        }

        return null;
    }

    private static string? Find(IReadOnlyList<Matcher> matchers, MatchScope scope)
    {
        for (var i = 0; i < matchers.Count; i++)
        {
            var matcher = matchers[i];
            if (matcher.Kind == MatcherKind.Count && Find(matcher.Inner, scope) is { } inner)
            {
                return inner;
            }

            if (matcher.Reference is { File: not ReferenceFileKind.Element } reference)
            {
                var resolution = scope.Resolve(reference);
                // in-field over a selection takes every value, none included; anything else needs exactly one.
                var manyAllowed = reference.SelectsMany && matcher.Kind is MatcherKind.InField or MatcherKind.NotInField;
                var why = resolution.NoEarlierBundle || (resolution.Failure is null && (manyAllowed || reference.Path.UsesOuter)) ? null : Why(resolution);
                if (why is not null)
                {
                    return why;
                }
            }
        }

        return null;
    }

    private static string? Why(ReferenceResolution resolution)
    {
        resolution.Single(out var why);
        return why;
    }
}
