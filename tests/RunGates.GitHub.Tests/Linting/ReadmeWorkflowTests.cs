using System.Text.RegularExpressions;
using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Linting;

/// <summary>Every workflow the README shows is valid as GitHub reads it: a user copies them verbatim.</summary>
public sealed partial class ReadmeWorkflowTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<int> Workflows() => new(Enumerable.Range(0, ReadmeWorkflows().Count));

    [Fact]
    public void README_shows_the_fork_safe_pair()
    {
        var workflows = ReadmeWorkflows();

        Assert.Contains(workflows, w => w.Contains("pull_request:", StringComparison.Ordinal) && w.Contains("actions/upload-artifact", StringComparison.Ordinal));
        Assert.Contains(workflows, w => w.Contains("workflow_run:", StringComparison.Ordinal) && w.Contains("command: publish", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void README_workflow_passes_action_validator(int index)
    {
        var file = _temp.Write($"workflow-{index}.yml", ReadmeWorkflows()[index]);

        var (exitCode, output) = ActionValidator.Validate(file);

        Assert.True(exitCode == 0, $"README workflow {index} is not valid:\n{output}\n{ReadmeWorkflows()[index]}");
    }

    private static List<string> ReadmeWorkflows() =>
        YamlBlock().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")))
            .Select(m => m.Groups[1].Value)
            .Where(y => y.Contains("\njobs:", StringComparison.Ordinal))
            .ToList();

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
