using RunGates.GitHub.Tests.Container;
using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Linting;

/// <summary>action.yml is valid as GitHub reads it, and every input and output is documented where users look.</summary>
public sealed class ActionMetadataTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public void Action_yml_passes_action_validator()
    {
        var (exitCode, output) = ActionValidator.Validate(ActionMetadata.File);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Every_input_is_in_the_README_table()
    {
        var missing = ActionMetadata.InputDefaults().Keys.Where(input => !Readme.Contains($"| `{input}` |", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "inputs not documented in README: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_output_is_in_the_README_table_and_written_by_the_command()
    {
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));

        foreach (var output in ActionMetadata.Outputs())
        {
            Assert.Contains($"| `{output}` |", Readme, StringComparison.Ordinal);
            Assert.Contains($"new(\"{output}\", ", source, StringComparison.Ordinal);
        }
    }
}
