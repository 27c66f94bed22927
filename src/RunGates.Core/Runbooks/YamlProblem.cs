namespace RunGates.Core.Runbooks;

/// <summary>One reason a YAML document was refused, at the 1-based line and column where a person must look.</summary>
internal sealed record YamlProblem(YamlProblemKind Kind, string Message, int Line, int Column, string? Hint = null)
{
    /// <summary>For a duplicate key: the key.</summary>
    public string? Key { get; init; }

    /// <summary>For a duplicate key: where it was first.</summary>
    public (int Line, int Column) First { get; init; }
}
