namespace RunGates.Core.Reports;

/// <summary>A source position as results.json records it: the file relative to the runbook or evidence folder where it lies below it.</summary>
public sealed record ResultsPosition(string File, int Line, int Column)
{
    /// <summary>The compiler's form, <c>path(line,col)</c>, or the bare path when there is no line.</summary>
    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}
