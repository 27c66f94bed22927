namespace RunGates.Core.Checks;

/// <summary>A glob a check evaluated, with the folder it is relative to; its matches are what a record compares.</summary>
public sealed record GlobInput(string BaseDirectory, string Pattern)
{
    /// <summary>The full paths the glob matches now, sorted, as the check itself lists them.</summary>
    public IReadOnlyList<string> Matches() => EvidenceGlob.Match(BaseDirectory, Pattern);
}
