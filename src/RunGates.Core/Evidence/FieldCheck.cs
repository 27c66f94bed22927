using System.Globalization;
using RunGates.Core.Diagnostics;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// The matchers of one <see cref="FieldExpectation"/> at one place the path reached, on a node (or absent), with one
/// failure per failing matcher at the value's own position (the file alone when absent); a REF's reason ends the
/// message with the REF's rungates.yml position.
/// </summary>
internal static class FieldCheck
{
    public static bool Check(FieldExpectation expectation, EvidenceNode? node, in MatchScope scope, ReadOnlySpan<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        var matchers = expectation.Matchers;
        var holds = true;
        List<string>? absentExpected = null;
        List<string>? absentWhy = null;
        string? where = null;
        for (var i = 0; i < matchers.Count; i++)
        {
            var matcher = matchers[i];
            if (MatcherTest.Test(matcher, node, scope))
            {
                continue;
            }

            holds = false;
            if (failures is null)
            {
                return false;
            }

            where ??= EvidencePathResolver.Concrete(expectation.Path, indices, filled);
            var expected = MatcherDescription.Describe(matcher, scope);
            var why = MatcherTest.Why(matcher, node, scope);
            if (node is null)
            {
                (absentExpected ??= []).Add(expected);
                if (why is not null)
                {
                    (absentWhy ??= []).Add(why);
                }

                continue;
            }

            var actual = node.Display();
            failures.Add(new ExpectationFailure(where, $"{where} is {actual}, expected {expected}{Because(why)}", expected, actual, node.Position));
        }

        if (absentExpected is not null)
        {
            var expected = string.Join(", ", absentExpected);
            var why = absentWhy is null ? "" : ": " + string.Join("; ", absentWhy);
            failures!.Add(new ExpectationFailure(where!, $"{where} is absent, expected {expected}{why}", expected, "absent", SourcePosition.OfFile(scope.Document.Path)));
        }

        return holds;
    }

    /// <summary><c>count</c> over the elements a final <c>[*]</c> or filter selected from the array at <paramref name="array"/>.</summary>
    public static bool CheckSelectionCount(FieldExpectation expectation, int count, EvidenceNode array, in MatchScope scope, ReadOnlySpan<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        var matcher = expectation.Matchers[0];
        if (CountMatcher.TestCount(matcher, count, array.Position, scope))
        {
            return true;
        }

        if (failures is not null)
        {
            var where = EvidencePathResolver.Concrete(expectation.Path, indices, filled);
            var expected = MatcherDescription.Describe(matcher, scope);
            var actual = string.Create(CultureInfo.InvariantCulture, $"{DiagnosticText.Count(count, "element")}");
            var why = CountMatcher.WhyCount(matcher, count, array.Position, scope);
            failures.Add(new ExpectationFailure(where, $"{where} selects {actual}, expected {expected}{Because(why)}", expected, actual, array.Position));
        }

        return false;
    }

    /// <summary>
    /// A <c>[*]</c> or filter met a present value that is not an array. That fails whatever the matchers, negative ones
    /// included: a <c>not-in</c> over <c>risks[*].code</c> must not pass because <c>risks</c> is a string.
    /// </summary>
    public static bool NotAnArray(FieldExpectation expectation, EvidenceNode node, DocumentPathSegment selection, ReadOnlySpan<int> indices, int filled, List<ExpectationFailure>? failures)
    {
        if (failures is not null)
        {
            var where = EvidencePathResolver.Concrete(expectation.Path, indices, filled);
            var selector = selection.IsKeys ? "*~" : selection.Filter is { } filter ? "[?" + filter.Text + "]" : "[*]";
            var wanted = selection.IsKeys ? "an object" : "an array";
            var actual = node.Display();
            failures.Add(new ExpectationFailure(where, $"{where}: {selector} meets {actual}, expected {wanted}", wanted, actual, node.Position));
        }

        return false;
    }

    private static string Because(string? why) => why is null ? "" : ": " + why;
}
