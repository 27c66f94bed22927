
namespace RunGates.Core.Ledgers;

/// <summary>A tree could not be hashed as a whole: a link leaves the root, dangles or loops. Lists every such problem.</summary>
public sealed class LedgerBuildException(IReadOnlyList<IntegrityProblem> problems)
    : IOException(RunGates.Core.Diagnostics.DiagnosticText.Count(problems.Count, "file") + " refused while hashing:\n" + string.Join('\n', problems))
{
    public IReadOnlyList<IntegrityProblem> Problems { get; } = problems;
}
