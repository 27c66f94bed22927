using RunGates.Core.Paths;

namespace RunGates.Core.Runbooks;

/// <summary>A file, line and column (both 1-based) of a node in a YAML or JSON document.</summary>
public sealed record SourcePosition(string File, int Line, int Column)
{
    /// <summary>A position that names only a file, for findings that have no node to point at.</summary>
    public static SourcePosition OfFile(string file) => new(file, 0, 0);

    /// <summary>The compiler's form, <c>path(line,col)</c>, with the path as given.</summary>
    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;

    /// <summary>The compiler's form with the path relative to <paramref name="baseDirectory"/> where it lies below it.</summary>
    public string ToString(string baseDirectory)
    {
        var shown = RelativePath.Shown(baseDirectory, File);
        return Line > 0 ? $"{shown}({Line},{Column})" : shown;
    }
}
