namespace RunGates.Core.Runbooks;

/// <summary>Reads and validates a rungates.yml; every problem becomes a <see cref="RunbookError"/> with file, line and column.</summary>
public sealed class RunbookLoader
{
    private readonly IReadOnlyDictionary<string, string> _environment;

    public RunbookLoader(IReadOnlyDictionary<string, string> environment)
    {
        _environment = environment;
    }

    /// <summary>Loads the runbook at <paramref name="path"/>; throws <see cref="RunbookException"/> listing every error.</summary>
    public Runbook Load(string path) => throw new NotImplementedException();
}
