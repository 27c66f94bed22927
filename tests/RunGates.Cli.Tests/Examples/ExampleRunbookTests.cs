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
        var copy = CopyExample(Path.Combine(ExamplesDirectory, example), temp[example], set);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(copy, "expected", set + ".json"))).RootElement;
        var env = expected.TryGetProperty("env", out var envElement)
            ? envElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : new Dictionary<string, string>();
        string[] args = ["run", "--spec", Path.Combine(copy, "rungates.yml"), "--evidence", Path.Combine(copy, "evidence", set), "--bundles", Path.Combine(temp.Path, "bundles"), "--format", "json", "--quiet", "--fail-on", "reject"];

        CliRun run;
        if (expected.TryGetProperty("tools", out var tools))
        {
            // The set names the versions the machine's tools report: stand-ins first on PATH, in a process of its own
            // (a tool is found on the PATH of the process that starts it).
            var bin = Directory.CreateDirectory(temp["tools-bin"]).FullName;
            foreach (var tool in tools.EnumerateObject())
            {
                var script = Path.Combine(bin, tool.Name);
                File.WriteAllText(script, "#!/bin/sh\necho '" + tool.Value.GetString() + "'\n");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            env["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            run = await RunGatesCli.CompleteAsync(RunGatesCli.StartIsolated(copy, env, args));
        }
        else
        {
            run = await RunGatesCli.RunAsync(copy, env, args);
        }

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

    [Fact]
    public void Every_overlay_belongs_to_an_evidence_set_with_an_expected_verdict()
    {
        foreach (var overlay in Directory.EnumerateDirectories(ExamplesDirectory, "overlays", SearchOption.AllDirectories).SelectMany(Directory.EnumerateDirectories))
        {
            var example = Path.GetDirectoryName(Path.GetDirectoryName(overlay))!;
            var set = Path.GetFileName(overlay);
            Assert.True(File.Exists(Path.Combine(example, "expected", set + ".json")), $"{overlay} has no expected/{set}.json");
            Assert.True(Directory.Exists(Path.Combine(example, "evidence", set)), $"{overlay} has no evidence/{set}");
        }
    }

    /// <summary>
    /// The example without its other evidence sets and overlays, then <c>overlays/&lt;set&gt;/</c> copied over it: the
    /// spec-side files (configs) a set changes to break a pre-flight rule, which no evidence folder can reach.
    /// </summary>
    private static string CopyExample(string source, string target, string set)
    {
        var evidence = Path.Combine(source, "evidence");
        var overlays = Path.Combine(source, "overlays");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var inOtherSet = file.StartsWith(evidence + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !file.StartsWith(Path.Combine(evidence, set) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            var below = Path.GetRelativePath(source, file);
            if (inOtherSet || file.StartsWith(overlays + Path.DirectorySeparatorChar, StringComparison.Ordinal) || below.StartsWith("out" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Copy(file, Path.Combine(target, below));
        }

        var overlay = Path.Combine(overlays, set);
        if (Directory.Exists(overlay))
        {
            foreach (var file in Directory.EnumerateFiles(overlay, "*", SearchOption.AllDirectories))
            {
                Copy(file, Path.Combine(target, Path.GetRelativePath(overlay, file)));
            }
        }

        return target;
    }

    private static void Copy(string file, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(file, destination, overwrite: true);
    }

    private static string Describe(Dictionary<string, string> outcomes) =>
        string.Join(", ", outcomes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));

    private static string Messages(JsonElement results) =>
        string.Join("\n", results.GetProperty("checks").EnumerateArray().Select(c => $"  {c.GetProperty("id").GetString()}: {c.GetProperty("outcome").GetString()} - {c.GetProperty("message").GetString()}"));
}
