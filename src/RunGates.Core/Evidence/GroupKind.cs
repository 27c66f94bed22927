namespace RunGates.Core.Evidence;

/// <summary>The groups an <c>expect</c>, <c>when</c> or <c>infeasible-when</c> map may hold beside paths.</summary>
public enum GroupKind
{
    /// <summary><c>any-of</c>: at least one alternative holds.</summary>
    AnyOf,
    /// <summary><c>all-of</c>: every alternative holds.</summary>
    AllOf,
    /// <summary><c>none-of</c>: no alternative holds (a negative test: it holds when the values are absent).</summary>
    NoneOf,
}
