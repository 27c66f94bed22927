namespace RunGates.Core.Evidence;

/// <summary>
/// One step of a <see cref="DocumentPath"/>: a property name, an array index, or a selection of elements:
/// <c>[*]</c> (every element), a filter <c>[?EXPR]</c> (<see cref="Filter"/>, the elements for which it holds), or
/// <c>*~</c> (<see cref="IsKeys"/>: the keys of an object, each a string). <see cref="IsWildcard"/> is true for all three.
/// </summary>
public sealed record DocumentPathSegment(string? Name, int? Index, bool IsWildcard)
{
    /// <summary>For <c>[?EXPR]</c>, the expression an element must satisfy to be selected.</summary>
    public FilterExpression? Filter { get; init; }

    /// <summary>For <c>*~</c>: the selection is the object's keys, not an array's elements.</summary>
    public bool IsKeys { get; init; }

    public static DocumentPathSegment Property(string name) => new(name, null, false);

    public static DocumentPathSegment Element(int index) => new(null, index, false);

    public static DocumentPathSegment Every { get; } = new(null, null, true);

    public static DocumentPathSegment Keys { get; } = new(null, null, true) { IsKeys = true };

    public static DocumentPathSegment Filtered(FilterExpression filter) => new(null, null, true) { Filter = filter };
}
