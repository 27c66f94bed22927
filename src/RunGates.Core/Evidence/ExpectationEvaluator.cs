namespace RunGates.Core.Evidence;

/// <summary>
/// Evaluates <c>expect</c>, <c>when</c> and <c>infeasible-when</c> maps against a document: each path with its
/// matchers (<see cref="FieldWalk"/>, on a JSON document's values where it can: <see cref="JsonFieldWalk"/>) and each
/// group (<see cref="GroupEvaluator"/>). Numbers compare exactly, everything else by its text
/// (<see cref="ValueComparison"/>). The absent rule: only negative matchers (exists: false, not, not-in,
/// not-equal-field, not-in-field, none-of) hold on an absent value; a REF that does not resolve fails any matcher.
/// <c>[*]</c> and filters over nothing hold. Nothing is allocated for a JSON document that passes the common matchers.
/// </summary>
public static class ExpectationEvaluator
{
    /// <summary>True when every expectation holds; stops at the first that does not.</summary>
    public static bool Holds(EvidenceDocument document, IReadOnlyList<Expectation> expectations, ReferenceSources? sources = null) =>
        Evaluate(document, expectations, null, sources);

    /// <summary>
    /// Evaluates every expectation, adding one failure per failing path and matcher to <paramref name="failures"/>
    /// (all of them, not just the first). With no list it stops at the first failure. True when all hold.
    /// <paramref name="sources"/> is where <c>{ file, path }</c> REFs and <c>digest-of</c> read; without it they fail saying so.
    /// </summary>
    public static bool Evaluate(EvidenceDocument document, IReadOnlyList<Expectation> expectations, List<ExpectationFailure>? failures, ReferenceSources? sources = null) =>
        Evaluate(expectations, new MatchScope(document, sources, null), failures);

    /// <summary>
    /// As <see cref="Evaluate(EvidenceDocument, IReadOnlyList{Expectation}, List{ExpectationFailure}?, ReferenceSources?)"/>
    /// with the paths starting at <paramref name="record"/>, a value inside <paramref name="document"/> (covers' <c>where</c>
    /// over the records a path selects): <c>@</c> is the record unless a <c>[*]</c> or filter selects an element below it;
    /// path-string REFs and <c>$</c> still start at the document's root.
    /// </summary>
    public static bool EvaluateAt(EvidenceDocument document, EvidenceNode record, IReadOnlyList<Expectation> expectations, List<ExpectationFailure>? failures, ReferenceSources? sources = null) =>
        Evaluate(expectations, new MatchScope(document, sources, record, record), failures);

    /// <summary>
    /// Why a REF (not relative to an element) of <paramref name="expectations"/> names nothing or cannot be read, or
    /// null when every one resolves. A <c>when</c> or <c>infeasible-when</c> that does not hold for this reason fails the check.
    /// </summary>
    public static string? UnresolvedReference(EvidenceDocument document, IReadOnlyList<Expectation> expectations, ReferenceSources? sources = null) =>
        UnresolvedReferences.Find(expectations, new MatchScope(document, sources, null));

    internal static bool Evaluate(IReadOnlyList<Expectation> expectations, in MatchScope scope, List<ExpectationFailure>? failures)
    {
        var holds = true;
        for (var i = 0; i < expectations.Count; i++)
        {
            var expectation = expectations[i];
            var ok = expectation is FieldExpectation field
                ? FieldWalk.Evaluate(field, scope, failures)
                : GroupEvaluator.Evaluate((ExpectationGroup)expectation, scope, failures);
            if (!ok)
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

    /// <summary>Whether <paramref name="node"/> (null when absent) satisfies <paramref name="matcher"/>; REFs into other files fail here.</summary>
    public static bool Test(Matcher matcher, EvidenceNode? node, EvidenceDocument document) =>
        MatcherTest.Test(matcher, node, new MatchScope(document, null, null));

    /// <summary>Equality as the matchers see it (<see cref="ValueComparison.AreEqual"/>).</summary>
    public static bool AreEqual(EvidenceNode a, EvidenceNode b) => ValueComparison.AreEqual(a, b);

    /// <summary>Order as the matchers see it (<see cref="ValueComparison.Compare"/>).</summary>
    public static int? Compare(EvidenceNode actual, EvidenceNode bound) => ValueComparison.Compare(actual, bound);

    /// <summary>What a matcher asks for, as a message shows it: <c>"PASS"</c>, <c>&lt;= 0.25</c>, <c>none of "BLOCK", "HALT"</c>.</summary>
    public static string Describe(Matcher matcher, EvidenceDocument? document = null) =>
        MatcherDescription.Describe(matcher, document is null ? null : new MatchScope(document, null, null));

    /// <summary>An expectation as <c>rungates explain</c> shows it: <c>status "PASS"</c>, <c>any-of (status "PASS" | lane present)</c>.</summary>
    public static string Describe(Expectation expectation) => expectation switch
    {
        FieldExpectation field => $"{field.Path.Text}: {string.Join(", ", field.Matchers.Select(m => MatcherDescription.Describe(m, null)))}",
        ExpectationGroup group => $"{group.Key} ({string.Join(" | ", group.Alternatives.Select(a => string.Join(", ", a.Select(Describe))))})",
        _ => expectation.Name,
    };
}
