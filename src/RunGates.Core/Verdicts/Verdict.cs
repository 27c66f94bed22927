namespace RunGates.Core.Verdicts;

/// <summary>The run's state, from worst to best.</summary>
public enum Verdict
{
    /// <summary>Any blocker failed.</summary>
    Reject,

    /// <summary>Else any check missing or infeasible, or a required check failed.</summary>
    Incomplete,

    /// <summary>Else any advisory check failed, or any check waived.</summary>
    Partial,

    /// <summary>Everything passed.</summary>
    Pass,
}
