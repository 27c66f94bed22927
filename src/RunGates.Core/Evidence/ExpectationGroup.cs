using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary><c>any-of</c>, <c>all-of</c> or <c>none-of</c>: a list of maps, each itself a list of expectations (groups nest).</summary>
public sealed record ExpectationGroup(GroupKind Kind, IReadOnlyList<IReadOnlyList<Expectation>> Alternatives, SourcePosition Position) : Expectation(Position)
{
    public string Key => Kind switch
    {
        GroupKind.AnyOf => "any-of",
        GroupKind.AllOf => "all-of",
        _ => "none-of",
    };

    public override string Name => $"{Key}[{Alternatives.Count}]";

    public static IReadOnlyList<string> Keys { get; } = ["any-of", "all-of", "none-of"];
}
