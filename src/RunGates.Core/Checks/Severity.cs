namespace RunGates.Core.Checks;

/// <summary>How much a failed check weighs in the verdict.</summary>
public enum Severity
{
    /// <summary>A failure rejects the run and stops the pipeline in pre-flight.</summary>
    Blocker,

    /// <summary>A failure makes the run incomplete unless a live waiver covers it. The default.</summary>
    Required,

    /// <summary>A failure makes the run partial at worst.</summary>
    Advisory,
}
