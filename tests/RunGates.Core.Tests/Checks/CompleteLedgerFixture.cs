using RunGates.Core.Checks;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Checks;

/// <summary>A folder with rungates.yml and evidence/, whose one gate is loaded from YAML and evaluated as a run would.</summary>
internal sealed class CompleteLedgerFixture : IDisposable
{
    public TempFolder Tree { get; } = new();

    /// <summary>Writes rungates.yml with <paramref name="gate"/> (one flow mapping, the gate's id is <c>g</c>) as its only gate.</summary>
    public async Task<CheckEvaluation> EvaluateAsync(string gate)
    {
        Tree.Write("rungates.yml", $"version: 1\nname: ledgers\nrun: {{ bundles: out, evidence: evidence }}\ngates:\n  - {gate}\n");
        var runbook = new RunbookLoader(new Dictionary<string, string>()).Load(Tree["rungates.yml"]);
        var check = Assert.Single(runbook.Gates);
        return await check.EvaluateAsync(IntegrityCheckContext.Create(Tree.Path, Tree["evidence"], Tree["out"]), CancellationToken.None);
    }

    public void Dispose() => Tree.Dispose();
}
