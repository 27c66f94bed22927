namespace RunGates.Core.Reports;

/// <summary>One finding of a check in results.json.</summary>
public sealed record ResultsFinding(string Message, string? Expected, string? Actual, ResultsPosition? Position);
