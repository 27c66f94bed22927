namespace RunGates.Core.Evidence;

/// <summary>Parses JSON (<c>.json</c>) and YAML (<c>.yml</c>, <c>.yaml</c>) evidence into <see cref="EvidenceNode"/> trees with positions.</summary>
public static class EvidenceReader
{
    public static EvidenceLoadResult Load(string fullPath) => throw new NotImplementedException();
}
