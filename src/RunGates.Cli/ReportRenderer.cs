using RunGates.Core.Reports;
using RunGates.Core.Runs;

namespace RunGates.Cli;

/// <summary>Picks the reporter for <c>--format</c>.</summary>
internal static class ReportRenderer
{
    public static IReadOnlyList<string> Formats { get; } = ["console", "json", "markdown", "junit"];

    public static string Render(RunResult result, string format, bool useColor, string baseDirectory) => format switch
    {
        "console" => ConsoleReporter.Render(result, baseDirectory, useColor),
        "json" => ResultsJson.Serialize(result),
        "markdown" => MarkdownReporter.Render(result, baseDirectory),
        "junit" => JUnitReporter.Render(result, baseDirectory),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Expected one of " + string.Join(", ", Formats)),
    };
}
