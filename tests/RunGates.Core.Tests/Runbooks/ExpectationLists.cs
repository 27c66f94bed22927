using RunGates.Core.Evidence;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>The path entries of a loaded expect/when map, for tests that read their matchers.</summary>
internal static class ExpectationLists
{
    public static IReadOnlyList<FieldExpectation> Fields(this IReadOnlyList<Expectation> expectations) =>
        expectations.Select(e => Assert.IsType<FieldExpectation>(e)).ToList();
}
