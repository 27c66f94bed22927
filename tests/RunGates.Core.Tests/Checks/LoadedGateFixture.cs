using RunGates.Core.Checks;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Checks;

/// <summary>A folder with rungates.yml and evidence/, whose one gate is loaded from YAML and evaluated as a run would.</summary>
internal sealed class LoadedGateFixture : IDisposable
{
    public TempFolder Tree { get; } = new();

    /// <summary>
    /// Writes rungates.yml with <paramref name="gate"/> (one flow mapping, or block lines indented for a list item) as
    /// its only check, in <paramref name="phase"/>, loads it and evaluates it.
    /// </summary>
    public async Task<CheckEvaluation> EvaluateAsync(string gate, string phase = "gates")
    {
        Tree.Write("rungates.yml", $"version: 1\nname: checks\nrun: {{ bundles: out, evidence: evidence }}\n{phase}:\n  - {gate}\n");
        var runbook = new RunbookLoader(new Dictionary<string, string>()).Load(Tree["rungates.yml"]);
        var check = Assert.Single(runbook.Checks);
        return await check.EvaluateAsync(IntegrityCheckContext.Create(Tree.Path, Tree["evidence"], Tree["out"]), CancellationToken.None);
    }

    public void Dispose() => Tree.Dispose();
}
