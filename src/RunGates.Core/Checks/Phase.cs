namespace RunGates.Core.Checks;

/// <summary>Where in the lifecycle a check runs.</summary>
public enum Phase
{
    /// <summary>Before the bundle opens and before any step runs.</summary>
    Preflight,

    /// <summary>After the steps, over the evidence they produced.</summary>
    Gates,
}
