using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using RunGates.Core.Tests.Checks;

namespace RunGates.Core.Tests.Evidence;

/// <summary>
/// A rungates.yml with gates written as YAML, loaded by the real loader, and evaluated against evidence in a temporary
/// folder: the public surface from runbook text to outcome, message and positions.
/// </summary>
internal sealed class GateFixture : IDisposable
{
    public CheckFixture Files { get; } = new();

    public string RunbookPath => Path.Combine(Files.Root, "rungates.yml");

    /// <summary>Writes rungates.yml with <paramref name="gates"/> (YAML list items) and loads it.</summary>
    public Runbook Load(string gates, string preflight = "")
    {
        var text = "version: 1\nname: t\n" + (preflight.Length > 0 ? "preflight:\n" + preflight : "") + "gates:\n" + gates;
        File.WriteAllText(RunbookPath, text.ReplaceLineEndings("\n"));
        return new RunbookLoader(new Dictionary<string, string>()).Load(RunbookPath);
    }

    /// <summary>The load errors of <paramref name="gates"/>; fails the test when it loads.</summary>
    public IReadOnlyList<RunbookError> Errors(string gates, string preflight = "") =>
        Assert.Throws<RunbookException>(() => Load(gates, preflight)).Errors;

    /// <summary>One gate <c>{ id: g, file: FILE, expect: EXPECT }</c> (plus <paramref name="extra"/> keys), evaluated.</summary>
    public async Task<CheckEvaluation> Expect(string file, string expect, string extra = "")
    {
        var runbook = Load($"  - {{ id: g, file: {file}, expect: {expect}{(extra.Length > 0 ? ", " + extra : "")} }}\n");
        return await runbook.Gates[0].EvaluateAsync(Files.Context(), CancellationToken.None);
    }

    /// <summary>The same gate over d.json and d.yml holding the same document; asserts they agree and returns the JSON one.</summary>
    public async Task<(CheckEvaluation Json, CheckEvaluation Yaml)> Both(string json, string yaml, string expect, string extra = "")
    {
        Files.Write("d.json", json);
        Files.Write("d.yml", yaml);
        var fromJson = await Expect("d.json", expect, extra);
        var fromYaml = await Expect("d.yml", expect, extra);
        Assert.Equal(fromJson.Outcome, fromYaml.Outcome);
        Assert.Equal(fromJson.Findings.Count, fromYaml.Findings.Count);
        return (fromJson, fromYaml);
    }

    public void Dispose() => Files.Dispose();
}
