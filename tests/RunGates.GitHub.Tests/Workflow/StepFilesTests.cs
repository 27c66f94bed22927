using System.Text;
using RunGates.GitHub.CheckRuns;
using RunGates.GitHub.Workflow;

namespace RunGates.GitHub.Tests.Workflow;

public sealed class StepFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Outputs_are_appended_in_the_delimited_form_and_read_back_exactly()
    {
        var path = _temp.Write("output", "earlier=1\n");

        await StepOutputs.WriteAsync(path, [new("verdict", "pass"), new("bundle", "out/a\nb")], CancellationToken.None);

        var lines = (await File.ReadAllTextAsync(path)).Split('\n');
        Assert.Equal("earlier=1", lines[0]);
        Assert.StartsWith("verdict<<ghadelimiter_", lines[1], StringComparison.Ordinal);
        Assert.Equal("pass", lines[2]);
        Assert.Equal(lines[1]["verdict<<".Length..], lines[3]);
        Assert.StartsWith("bundle<<", lines[4], StringComparison.Ordinal);
        Assert.Equal(["out/a", "b"], lines[5..7]);
    }

    [Fact]
    public async Task Missing_files_are_tolerated()
    {
        Assert.False(await StepOutputs.WriteAsync(null, [new("verdict", "pass")], CancellationToken.None));
        Assert.False(await StepSummary.AppendAsync(null, "# x", CancellationToken.None));
    }

    [Fact]
    public async Task The_summary_stays_within_one_mebibyte_including_what_the_step_wrote_before()
    {
        var path = _temp.Write("summary.md", new string('a', 300_000));

        Assert.True(await StepSummary.AppendAsync(path, new string('é', 600_000), CancellationToken.None));

        var size = new FileInfo(path).Length;
        Assert.InRange(size, GitHubText.MaxJobSummaryBytes - 4, GitHubText.MaxJobSummaryBytes);
        Assert.EndsWith("results.json in the bundle holds the whole report.\n", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)), StringComparison.Ordinal);
    }
}
