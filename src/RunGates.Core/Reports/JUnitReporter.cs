using RunGates.Core.Runs;

namespace RunGates.Core.Reports;

/// <summary>Renders a run as JUnit XML, one testcase per check.</summary>
public static class JUnitReporter
{
    public static string Render(RunResult result, string baseDirectory) => throw new NotImplementedException();
}
