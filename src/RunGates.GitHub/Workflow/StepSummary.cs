using System.Text;
using RunGates.GitHub.CheckRuns;

namespace RunGates.GitHub.Workflow;

/// <summary>The job summary: Markdown appended to <c>$GITHUB_STEP_SUMMARY</c>, kept within GitHub's 1 MiB a step.</summary>
public static class StepSummary
{
    /// <summary>Appends <paramref name="markdown"/>, cut so the file stays within 1 MiB; false when there is no file to write.</summary>
    public static async Task<bool> AppendAsync(string? path, string markdown, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return false;
        }

        var used = File.Exists(path) ? new FileInfo(path).Length : 0;
        var budget = (int)Math.Max(0, GitHubText.MaxJobSummaryBytes - used);
        const string marker = "\n\n… the job summary is cut to GitHub's 1 MiB; results.json in the bundle holds the whole report.\n";
        if (budget <= Encoding.UTF8.GetByteCount(marker))
        {
            return false;
        }

        var text = GitHubText.Cut(markdown, int.MaxValue, budget, marker);
        await File.AppendAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
