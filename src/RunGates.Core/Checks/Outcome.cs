namespace RunGates.Core.Checks;

/// <summary>A check's result.</summary>
public enum Outcome
{
    Passed,
    Failed,

    /// <summary>Its evidence does not exist, or it never ran because the pipeline stopped.</summary>
    Missing,

    /// <summary>It failed, and a live waiver covers the failure.</summary>
    Waived,

    /// <summary>A typed infeasible record says it cannot be decided; legitimate, never promotable.</summary>
    Infeasible,
}
