namespace RunGates.Cli;

/// <summary>A command was asked for something it cannot do as asked; exit code 2 with the message.</summary>
public sealed class CliUsageException(string message) : Exception(message);
