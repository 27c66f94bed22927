using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>
/// One thing a check found wrong: a message, what was expected and found, and where the value came from
/// (an evidence file's node, or the check's own line in rungates.yml when there is no such node).
/// </summary>
public sealed record CheckFinding(string Message, SourcePosition? Position = null, string? Expected = null, string? Actual = null);
