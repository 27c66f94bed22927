using RunGates.Core.Runbooks;

namespace RunGates.Core.Evidence;

/// <summary>
/// One path of one document that did not satisfy its matchers: the concrete path (<c>risks[11].code</c>), a message
/// (<c>status is "FAIL", expected "PASS"</c>), what was expected and found, and where the value sits (the file alone when absent).
/// </summary>
public sealed record ExpectationFailure(string Path, string Message, string Expected, string Actual, SourcePosition Position);
