namespace RunGates.Core.Runbooks;

/// <summary>A rungates.yml could not be loaded; <see cref="Errors"/> holds every problem found, in document order.</summary>
public sealed class RunbookException : Exception
{
    public RunbookException(IReadOnlyList<RunbookError> errors)
        : base(errors.Count == 0 ? "The runbook is not valid." : string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public RunbookException(RunbookError error)
        : this([error])
    {
    }

    public IReadOnlyList<RunbookError> Errors { get; }
}
