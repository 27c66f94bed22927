using System.Globalization;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>README's Limits table states the limits in force: a change to one without the other fails here.</summary>
public sealed class YamlLimitsTests
{
    private static Dictionary<string, string[]> ReadmeRows()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = Array.IndexOf(readme, "## Limits");
        Assert.True(start >= 0, "README has no Limits section");
        return readme.Skip(start)
            .TakeWhile(line => !line.StartsWith("| limit | JSON", StringComparison.Ordinal))
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| limit", StringComparison.Ordinal))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .ToDictionary(cells => cells[0], cells => cells[1..], StringComparer.Ordinal);
    }

    private static string Shown(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    [Fact]
    public void Readme_limits_table_states_the_runbook_and_yaml_evidence_limits_in_force()
    {
        var rows = ReadmeRows();

        Assert.Equal(["1 MiB", "64 MiB"], rows["document size"][..2]);
        Assert.Equal((1L << 20, 64L << 20), (YamlLimits.Runbook.MaxDocumentBytes, YamlLimits.Evidence.MaxDocumentBytes));
        Assert.Equal([$"{Shown(YamlLimits.Runbook.MaxLineLength)} characters", $"{Shown(YamlLimits.Evidence.MaxLineLength)} characters"], rows["line length"][..2]);
        Assert.Equal([Shown(YamlLimits.Runbook.MaxDepth), Shown(YamlLimits.Evidence.MaxDepth)], rows["nesting depth"][..2]);
        Assert.Equal([Shown(YamlLimits.Runbook.MaxAliases), Shown(YamlLimits.Evidence.MaxAliases)], rows["aliases"][..2]);
        Assert.Equal([Shown(YamlLimits.Runbook.MaxExpandedNodes), Shown(YamlLimits.Evidence.MaxExpandedNodes)], rows["alias expansion (nodes)"][..2]);
        Assert.Equal([Shown(YamlLimits.Runbook.MaxExpandedCharacters), Shown(YamlLimits.Evidence.MaxExpandedCharacters)], rows["alias expansion (characters)"][..2]);
    }
}
