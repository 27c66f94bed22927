namespace RunGates.Core.Evidence;

/// <summary>One step of a <see cref="DocumentPath"/>: a property name, an array index, or <c>[*]</c> (every element).</summary>
public sealed record DocumentPathSegment(string? Name, int? Index, bool IsWildcard)
{
    public static DocumentPathSegment Property(string name) => new(name, null, false);

    public static DocumentPathSegment Element(int index) => new(null, index, false);

    public static DocumentPathSegment Every { get; } = new(null, null, true);
}
