namespace RunGates.Core.Ledgers;

/// <summary>The hasher opened something that is not a regular file (a FIFO, device, socket, folder) and read none of it.</summary>
internal sealed class NotRegularFileException(string path, string problem) : IOException($"{path} {problem}")
{
    /// <summary>The sentence fragment, such as "is a named pipe (FIFO), not a regular file".</summary>
    public string Problem { get; } = problem;
}
