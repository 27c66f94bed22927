using RunGates.Core.Ledgers;
using RunGates.Core.Promotion;

namespace RunGates.Core.Bundles;

/// <summary>
/// What validating a bundle found: its index when it could be read, what verifying its promotion packet found (null when
/// the index could not be read), and every problem of either.
/// </summary>
public sealed record BundleValidation(string Directory, ArtifactIndex? Index, IReadOnlyList<IntegrityProblem> Problems, PromotionPacketVerification? Promotion = null)
{
    public bool Succeeded => Index is not null && Problems.Count == 0;
}
