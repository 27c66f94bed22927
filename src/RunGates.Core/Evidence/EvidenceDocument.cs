namespace RunGates.Core.Evidence;

/// <summary>A parsed JSON or YAML evidence file (chosen by extension: .json, or .yml/.yaml), with positions for every node.</summary>
public sealed class EvidenceDocument
{
    public EvidenceDocument(string path, EvidenceNode root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    public EvidenceNode Root { get; }
}
