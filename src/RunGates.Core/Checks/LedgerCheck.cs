using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Ledgers;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>
/// <c>ledger:</c> every entry of an existing ledger (a SHA256SUMS, or a JSON digest index) matches its file under the
/// root; with <c>unlisted: fail</c>, every file under the root is listed too.
/// </summary>
/// <remarks>Both formats are verified by the one <see cref="LedgerVerifier"/>: same codes, messages and path safety.</remarks>
public sealed record LedgerCheck : Check
{
    /// <summary>The ledger file as written: relative to where evidence paths resolve, or <c>bundle:&lt;id&gt;/&lt;path&gt;</c>.</summary>
    public required string Ledger { get; init; }

    /// <summary>Set when <see cref="Ledger"/> is a <c>bundle:</c> file: the ledger of a committed earlier bundle.</summary>
    public LedgerBundleFile? FromBundle { get; init; }

    /// <summary>
    /// The folder its entries resolve against, as written; null means the folder holding the ledger, or for a ledger
    /// from a bundle the tree this runbook's <c>ledger:</c> section hashes (<c>ledger.root</c>, else <c>run.evidence</c>).
    /// </summary>
    public string? Root { get; init; }

    /// <summary>Globs, relative to the root, of the ledger's entries to verify; empty means every entry.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Whether a file under the root that the ledger does not list fails the check (RG4003).</summary>
    public bool FailUnlisted { get; init; }

    /// <summary>Globs, relative to the root, of files never reported as unlisted. The ledger file itself never is.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    public LedgerFormat Format { get; init; } = LedgerFormat.Sha256Sum;

    /// <summary>For <see cref="LedgerFormat.Json"/>: the path selecting the entry records, and the two paths inside each.</summary>
    public DocumentPath? Entries { get; init; }

    public DocumentPath EntryPath { get; init; } = DocumentPath.Parse("path");

    public DocumentPath EntrySha256 { get; init; } = DocumentPath.Parse("sha256");

    public override string Kind => "ledger";

    public override string Describe()
    {
        var what = Format == LedgerFormat.Json ? $"the JSON digest index {Ledger} (entries {Entries?.Text}, {EntryPath.Text}, {EntrySha256.Text})" : Ledger;
        if (FromBundle is { } bundle)
        {
            var which = bundle.BundleId == Bundles.BundleFiles.Latest ? "the last committed run that held this check" : $"run {bundle.BundleId}, which must have held this check";
            what += $" (the ledger of {which}, read once its bundle validates{(bundle.IfNone ? "; holds on a first run, if-none: pass" : "")})";
        }

        if (Include.Count > 0)
        {
            what += $", entries matching {string.Join(", ", Include)}";
        }

        var root = Root is null ? (FromBundle is null ? "" : " against this runbook's ledger tree") : Root == "." ? (Phase == Phase.Preflight ? " against the folder holding rungates.yml" : " against run.evidence") : $" against {Root}";
        var unlisted = FailUnlisted ? $"; every file under the root must be listed{(Exclude.Count > 0 ? $" except {string.Join(", ", Exclude)}" : "")}" : "";
        return $"Verifies every digest in {what}{root}{unlisted}.";
    }

    /// <summary>The ledger and every file it lists (present or absent), resolved against the root.</summary>
    public override CheckInputs Inputs(CheckContext context)
    {
        if (FromBundle is not null)
        {
            return CheckInputs.Always("reads the ledger of an earlier bundle, and LATEST moves with every commit");
        }

        var path = context.ResolveEvidencePath(Phase, Ledger);
        if (!File.Exists(path))
        {
            return new CheckInputs { Files = [path] };
        }

        var root = RootFolder(context, path);
        var entries = Read(path).Records
            .Where(r => RootedPath.Refusal(r.Path) is null)
            .Select(r => Path.GetFullPath(r.Path, root));
        return new CheckInputs { Files = [path, .. entries] };
    }

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Evaluate(context, cancellationToken));

    private string RootFolder(CheckContext context, string ledgerPath) =>
        Root is not null ? context.ResolveEvidencePath(Phase, Root)
        : FromBundle is not null ? context.ResolveEvidencePath(Phase, context.Runbook.Ledger?.Root ?? ".")
        : Path.GetDirectoryName(ledgerPath)!;

    private LedgerReadResult Read(string ledgerPath) => Format == LedgerFormat.Json
        ? JsonLedgerReader.Read(ledgerPath, Entries!, EntryPath, EntrySha256)
        : LedgerReader.Read(ledgerPath);

    private CheckEvaluation Evaluate(CheckContext context, CancellationToken cancellationToken)
    {
        string path;
        var named = Ledger;
        string? earlierRun = null;
        if (FromBundle is { } bundle)
        {
            // Read from the committed, validated earlier bundle, never from a path anyone can write today.
            if (EarlierLedger.Open(this, bundle, context, out var decided) is not { } earlier)
            {
                return decided!;
            }

            path = earlier.Path;
            earlierRun = earlier.RunId;
            named = $"{Ledger} ({earlier.Describe(Id)})";
        }
        else
        {
            path = context.ResolveEvidencePath(Phase, Ledger);
            var expected = Format == LedgerFormat.Json ? "a JSON digest index" : "a SHA256SUMS";
            if (!File.Exists(path))
            {
                return CheckEvaluation.Missing($"{Ledger} does not exist; expected {expected} at {path}");
            }

            if (context.EvidenceEscape(Phase, path) is { } refusal)
            {
                return CheckEvaluation.Failed(CheckContext.EscapeFinding($"{Ledger}: {refusal}", path));
            }
        }

        var root = RootFolder(context, path);
        if ((Root is not null || FromBundle is not null) && context.EvidenceEscape(Phase, root) is { } rootRefusal)
        {
            return CheckEvaluation.Failed(CheckContext.EscapeFinding($"{Root ?? root}: {rootRefusal}", root));
        }

        if (!Directory.Exists(root))
        {
            return CheckEvaluation.Missing($"the ledger root {Root} does not exist; expected a folder at {root}");
        }

        var read = Read(path);
        var records = Include.Count == 0 ? read.Records : LedgerEntryGlobs.Matching(read.Records, Include);

        // The ledger is never unlisted, wherever it lies under the root.
        // By its exact name, never as a glob: a ledger named 'S*' must not hide every unlisted file starting with S.
        string[] itself = RelativePath.Below(Path.GetFullPath(root), path) is { } self ? [self] : [];
        var source = earlierRun is null ? Path.GetFileName(path) : $"{Path.GetFileName(path)} of run {earlierRun}";
        var verification = LedgerVerifier.Verify(root, records, source, FailUnlisted, itself, Exclude, cancellationToken);
        var problems = read.Problems.Concat(verification.Problems).ToList();
        if (problems.Count == 0)
        {
            return verification.Verified == 0
                ? CheckEvaluation.Missing($"{named} lists no files{(Include.Count > 0 ? $" matching {string.Join(", ", Include)}" : "")}; expected at least one entry")
                : CheckEvaluation.Passed($"{DiagnosticText.Count(verification.Verified, "file")} {(verification.Verified == 1 ? "matches" : "match")} {named}{(FailUnlisted ? ", and every file under its root is listed" : "")}");
        }

        // A finding points at the ledger line (or JSON entry) that listed the file, so an editor can jump to it; an
        // unlisted file points at itself.
        var findings = problems
            .Select(p => new CheckFinding($"{p.Path}: {p.Message} ({p.Diagnostic.Code})", Where(p, path, root)))
            .ToList();
        return CheckEvaluation.Failed($"{named}: {DiagnosticText.Count(findings.Count, "problem")}, {DiagnosticText.Count(verification.Verified, "file")} verified", findings);
    }

    private static SourcePosition Where(IntegrityProblem problem, string ledger, string root) =>
        problem.Line > 0
            ? new SourcePosition(ledger, problem.Line, problem.Column > 0 ? problem.Column : 1)
            : problem.Diagnostic == Diagnostics.DiagnosticCatalog.FileUnlisted
                ? SourcePosition.OfFile(Path.GetFullPath(problem.Path, root))
                : SourcePosition.OfFile(ledger);
}
