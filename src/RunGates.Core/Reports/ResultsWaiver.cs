namespace RunGates.Core.Reports;

/// <summary>A waiver as results.json records it: who, why, and the last day it is in force.</summary>
public sealed record ResultsWaiver(string By, string Reason, DateOnly Expires);
