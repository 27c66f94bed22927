using RunGates.Core.Runs;

namespace RunGates.Core.Reports;

/// <summary>Renders a run as Markdown, for job summaries and pull request comments.</summary>
public static class MarkdownReporter
{
    public static string Render(RunResult result, string baseDirectory) => throw new NotImplementedException();
}
