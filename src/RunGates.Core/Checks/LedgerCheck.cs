using RunGates.Core.Ledgers;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary><c>ledger:</c> every entry of an existing SHA256SUMS matches the file beside it.</summary>
public sealed record LedgerCheck : Check
{
    /// <summary>The ledger file; its entries resolve against its own folder.</summary>
    public required string Ledger { get; init; }

    public override string Kind => "ledger";

    public override string Describe() => $"Verifies every digest in {Ledger}.";

    /// <summary>The ledger and every file it lists (present or absent), resolved against the ledger's folder.</summary>
    public override CheckInputs Inputs(CheckContext context)
    {
        var path = context.ResolveEvidencePath(Phase, Ledger);
        if (!File.Exists(path))
        {
            return new CheckInputs { Files = [path] };
        }

        var folder = Path.GetDirectoryName(path)!;
        var entries = LedgerReader.Read(path).Records
            .Where(r => RootedPath.Refusal(r.Path) is null)
            .Select(r => Path.GetFullPath(r.Path, folder));
        return new CheckInputs { Files = [path, .. entries] };
    }

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var path = context.ResolveEvidencePath(Phase, Ledger);
        if (!File.Exists(path))
        {
            return ValueTask.FromResult(CheckEvaluation.Missing($"{Ledger} does not exist; expected a SHA256SUMS at {path}"));
        }

        if (context.EvidenceEscape(Phase, path) is { } refusal)
        {
            return ValueTask.FromResult(CheckEvaluation.Failed(CheckContext.EscapeFinding($"{Ledger}: {refusal}", path)));
        }

        var verification = LedgerVerifier.Verify(path, reportUnlisted: false, cancellationToken);
        if (verification.Succeeded)
        {
            return ValueTask.FromResult(verification.Verified == 0
                ? CheckEvaluation.Missing($"{Ledger} lists no files; expected at least one entry")
                : CheckEvaluation.Passed($"{verification.Verified} file(s) match {Ledger}"));
        }

        // Each finding points at the ledger line that listed the file, so an editor can jump to it.
        var findings = verification.Problems
            .Select(p => new CheckFinding($"{p.Path}: {p.Message} ({p.Diagnostic.Code})", p.Line > 0 ? new SourcePosition(path, p.Line, 1) : SourcePosition.OfFile(path)))
            .ToList();
        return ValueTask.FromResult(CheckEvaluation.Failed(
            $"{Ledger}: {findings.Count} problem(s), {verification.Verified} file(s) verified", findings));
    }
}
