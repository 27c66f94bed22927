using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>
/// One thing a check found wrong: a message, what was expected and found, and where the value came from
/// (an evidence file's node, or the check's own line in rungates.yml when there is no such node). <see cref="Code"/> is
/// the finding's own RG code when it differs from its check kind's (a pattern that timed out is RG3045 in any check);
/// null when the check's code says it.
/// </summary>
public sealed record CheckFinding(string Message, SourcePosition? Position = null, string? Expected = null, string? Actual = null, string? Code = null);
