using System.Text.Json;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Examples;

/// <summary>
/// Runs every evidence set of every example under examples/ and compares the verdict and the exact set of checks
/// that did not pass with examples/&lt;name&gt;/expected/&lt;set&gt;.json. The examples are the test of whether the
/// contract can express the five source runbooks, so a drift here is a product bug, not a test to loosen.
/// </summary>
public sealed class ExampleRunbookTests
{
    private static string ExamplesDirectory => Path.Combine(RepositoryRoot.Path, "examples");

    public static TheoryData<string, string> EvidenceSets()
    {
        var data = new TheoryData<string, string>();
        foreach (var expected in Directory.EnumerateFiles(ExamplesDirectory, "*.json", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "expected")
                     .Order(StringComparer.Ordinal))
        {
            var example = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(expected)))!;
            data.Add(example, Path.GetFileNameWithoutExtension(expected));
        }

        return data;
    }

    [Fact]
    public void Every_source_runbook_has_an_example_with_a_passing_set_and_two_failing_sets()
    {
        var examples = Directory.EnumerateDirectories(ExamplesDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.True(examples.Count >= 5, "expected one example per source runbook, found: " + string.Join(", ", examples));
        foreach (var example in examples)
        {
            var sets = Directory.EnumerateFiles(Path.Combine(ExamplesDirectory, example!, "expected"), "*.json")
                .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("verdict").GetString())
                .ToList();
            Assert.True(sets.Count(v => v == "pass") >= 1, $"{example} has no passing evidence set");
            Assert.True(sets.Count(v => v != "pass") >= 2, $"{example} has fewer than two failing evidence sets");
            Assert.True(File.Exists(Path.Combine(ExamplesDirectory, example!, "rungates.yml")), $"{example} has no rungates.yml");
        }
    }

    [Fact]
    public void Across_the_examples_every_verdict_is_produced()
    {
        var verdicts = EvidenceSets()
            .Select(row => (string)row[0] + "/" + (string)row[1])
            .Select(id => JsonDocument.Parse(File.ReadAllText(Path.Combine(ExamplesDirectory, id.Split('/')[0], "expected", id.Split('/')[1] + ".json"))).RootElement.GetProperty("verdict").GetString())
            .ToHashSet();
        Assert.Equal(["incomplete", "partial", "pass", "reject"], verdicts.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EvidenceSets))]
    public async Task Evidence_set_gets_its_expected_verdict_and_failing_checks(string example, string set)
    {
        using var temp = new TempFolder();
        // A copy, so nothing a run writes (bundles, ledger copies) can land in the repository.
        var copy = temp.CopyFrom(Path.Combine(ExamplesDirectory, example), example);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(copy, "expected", set + ".json"))).RootElement;
        var env = expected.TryGetProperty("env", out var envElement)
            ? envElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : new Dictionary<string, string>();

        var run = await RunGatesCli.RunAsync(copy, env, "run", "--spec", Path.Combine(copy, "rungates.yml"), "--evidence", Path.Combine(copy, "evidence", set), "--bundles", Path.Combine(temp.Path, "bundles"), "--format", "json", "--quiet", "--fail-on", "reject");

        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        var results = JsonDocument.Parse(run.Out).RootElement;
        var notPassed = results.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("outcome").GetString() != "passed")
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("outcome").GetString()!);
        var expectedNotPassed = expected.GetProperty("not_passed").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        Assert.True(
            expectedNotPassed.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(notPassed.OrderBy(p => p.Key, StringComparer.Ordinal)),
            $"{example}/{set}: expected not passed [{Describe(expectedNotPassed)}], got [{Describe(notPassed)}]\n{Messages(results)}");
        Assert.Equal(expected.GetProperty("verdict").GetString(), results.GetProperty("verdict").GetString());
        Assert.Equal(expected.GetProperty("verdict_name").GetString(), results.GetProperty("verdict_name").GetString());
    }

    private static string Describe(Dictionary<string, string> outcomes) =>
        string.Join(", ", outcomes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));

    private static string Messages(JsonElement results) =>
        string.Join("\n", results.GetProperty("checks").EnumerateArray().Select(c => $"  {c.GetProperty("id").GetString()}: {c.GetProperty("outcome").GetString()} - {c.GetProperty("message").GetString()}"));
}
