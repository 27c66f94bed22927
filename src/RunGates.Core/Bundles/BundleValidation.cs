using RunGates.Core.Ledgers;

namespace RunGates.Core.Bundles;

/// <summary>What validating a bundle found: its index when it could be read, and every problem.</summary>
public sealed record BundleValidation(string Directory, ArtifactIndex? Index, IReadOnlyList<IntegrityProblem> Problems)
{
    public bool Succeeded => Index is not null && Problems.Count == 0;
}
