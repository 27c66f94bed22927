using RunGates.Core.Runs;

namespace RunGates.Core.Reports;

/// <summary><c>results.json</c>: the verdict and every check's outcome, message, findings and source positions.</summary>
public static class ResultsJson
{
    public const string FileName = "results.json";

    public static string Serialize(RunResult result) => throw new NotImplementedException();
}
