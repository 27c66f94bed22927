namespace RunGates.Core.Checks;

/// <summary>What an <see cref="Outcome.Infeasible"/> outcome of a check counts as in the verdict (<c>infeasible: { counts-as }</c>).</summary>
public enum InfeasibleCountsAs
{
    /// <summary>The default: the run is incomplete, and the check refuses promotion.</summary>
    Incomplete,

    /// <summary>The runbook calls an infeasible record a legitimate outcome: the verdict counts the check as passed.</summary>
    Passed,
}
