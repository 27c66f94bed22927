using RunGates.Core.Checks;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Checks;

public sealed class LedgerCheckTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private Task<CheckEvaluation> Evaluate(string ledger = "reports/SHA256SUMS")
    {
        var check = new LedgerCheck { Id = "artefacts-intact", Phase = Phase.Gates, Position = IntegrityCheckContext.Line(3), Ledger = ledger };
        return check.EvaluateAsync(IntegrityCheckContext.Create(_tree.Path, _tree["evidence"], _tree["out"]), CancellationToken.None).AsTask();
    }

    private void WriteLedger()
    {
        _tree.Write("evidence/reports/a.txt", "a\n");
        _tree.Write("evidence/reports/b.txt", "b\n");
        _tree.Write("evidence/reports/SHA256SUMS", LedgerWriter.Format(LedgerWriter.Build(_tree["evidence/reports"], ["**/*"], ["SHA256SUMS"])));
    }

    [Fact]
    public async Task An_intact_ledger_passes()
    {
        WriteLedger();

        var result = await Evaluate();

        Assert.Equal(Outcome.Passed, result.Outcome);
        Assert.Equal("2 files match reports/SHA256SUMS", result.Message);
    }

    [Fact]
    public async Task An_absent_ledger_is_missing_not_a_pass()
    {
        var result = await Evaluate();

        Assert.Equal(Outcome.Missing, result.Outcome);
        Assert.Contains("reports/SHA256SUMS does not exist", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_bad_file_is_a_finding_at_its_ledger_line()
    {
        WriteLedger();
        File.AppendAllText(_tree["evidence/reports/a.txt"], "x");
        File.Delete(_tree["evidence/reports/b.txt"]);

        var result = await Evaluate();

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(2, result.Findings.Count);
        Assert.StartsWith("a.txt: SHA-256 is", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("(RG4001)", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal((_tree["evidence/reports/SHA256SUMS"], 1), (result.Findings[0].Position!.File, result.Findings[0].Position!.Line));
        Assert.StartsWith("b.txt: expected a file", result.Findings[1].Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Findings[1].Position!.Line);
    }

    [Fact]
    public async Task A_malformed_ledger_line_fails_at_its_line()
    {
        WriteLedger();
        File.AppendAllText(_tree["evidence/reports/SHA256SUMS"], "garbage\n");

        var result = await Evaluate();

        Assert.Equal(Outcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Contains("RG4006", finding.Message, StringComparison.Ordinal);
        Assert.Equal(3, finding.Position!.Line);
    }
}
