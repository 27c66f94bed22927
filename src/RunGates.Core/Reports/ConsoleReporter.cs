using RunGates.Core.Runs;

namespace RunGates.Core.Reports;

/// <summary>Renders a run as the console table a person reads on a terminal.</summary>
public static class ConsoleReporter
{
    public static string Render(RunResult result, string baseDirectory, bool useColor) => throw new NotImplementedException();
}
