using RunGates.Core.Evidence;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>One entry of <c>same:</c>: a document (or <c>run</c>, the run's own run.json) and a path into it.</summary>
public sealed record SameSource(string File, DocumentPath Path, SourcePosition Position)
{
    public const string RunDocument = "run";

    public bool IsRun => File == RunDocument;
}
