using RunGates.Core.Bundles;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;
using RunGates.Core.Paths;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Checks;

/// <summary>
/// <c>reproducible:</c> the evidence files hash the same as in an earlier committed bundle (<c>LATEST</c> or a bundle path),
/// apart from files matching the <c>ignore</c> globs. The files RunGates itself writes into a bundle (run.json,
/// results.json, the index, the packet, logs/ and the ledger) differ on every run and are never compared. When the
/// evidence folder lies inside the bundle, the reference's files are taken from the same sub-folder of its bundle.
/// </summary>
public sealed record ReproducibleCheck : Check
{
    public const string Latest = "LATEST";

    public string Against { get; init; } = Latest;

    public IReadOnlyList<string> Ignore { get; init; } = [];

    public override string Kind => "reproducible";

    public override string Describe() => $"Compares this run's evidence digests with {Against}.";

    public override CheckInputs Inputs(CheckContext context) => CheckInputs.Always("a reproducible check compares with another bundle");

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Evaluate(context, cancellationToken));

    private CheckEvaluation Evaluate(CheckContext context, CancellationToken cancellationToken)
    {
        string reference;
        try
        {
            reference = BundleReference.Resolve(Against, context.SpecDirectory, () => new BundleStore(context.BundlesDirectory));
        }
        catch (BundleException e)
        {
            return CheckEvaluation.Missing($"no earlier committed bundle to compare with: {e.Message}");
        }

        if (Invalidation(context, reference) is { } refused)
        {
            return refused;
        }

        var indexPath = Path.Combine(reference, BundleFiles.ArtifactIndex);
        if (!File.Exists(indexPath))
        {
            return CheckEvaluation.Missing($"{reference} was never committed (no {BundleFiles.ArtifactIndex}); expected a committed bundle to compare with");
        }

        var reading = ArtifactIndex.Read(indexPath);
        if (reading.NotRegular is { } notRegular)
        {
            return CheckEvaluation.Failed(new CheckFinding($"{BundleFiles.ArtifactIndex} {notRegular}", SourcePosition.OfFile(indexPath), "a regular file", "not a regular file"));
        }

        if (reading.Index is not { } index)
        {
            return CheckEvaluation.Failed(new CheckFinding($"{BundleFiles.ArtifactIndex} cannot be read: {reading.Error}", SourcePosition.OfFile(indexPath)));
        }

        var exclude = new List<string>(Ignore)
        {
            BundleFiles.RunJson, BundleFiles.Results, BundleFiles.ArtifactIndex, BundleFiles.PromotionPacket, BundleFiles.Logs + "**/*", "**/*.rungates-tmp",
        };
        if (context.Runbook.Ledger is { } ledger)
        {
            exclude.Add(ledger.File);
        }

        var evidence = Path.GetFullPath(context.EvidenceDirectory);
        var prefix = EvidencePrefix(context, evidence);
        var expected = index.Files
            .Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Path[prefix.Length..], f => f.Sha256, StringComparer.Ordinal);
        expected = TreeScanner.Filter(expected.Keys, ["**/*"], exclude).ToDictionary(p => p, p => expected[p], StringComparer.Ordinal);

        var scan = Directory.Exists(evidence) ? TreeScanner.Scan(evidence, ["**/*"], exclude, cancellationToken) : new TreeScanner.ScanResult([], []);
        var digests = Sha256FileHasher.HashAll(scan.Files.Select(f => f.FullPath).ToArray(), cancellationToken);
        var findings = new List<CheckFinding>();
        findings.AddRange(scan.Problems.Select(p => new CheckFinding($"{p.Path}: {p.Message} ({p.Diagnostic.Code})", SourcePosition.OfFile(Path.Combine(evidence, p.Path)))));
        var actual = new HashSet<string>(StringComparer.Ordinal);
        var same = 0;
        for (var i = 0; i < digests.Count; i++)
        {
            var file = scan.Files[i];
            var digest = digests[i];
            actual.Add(file.RelativePath);
            var position = SourcePosition.OfFile(file.FullPath);
            if (!digest.Succeeded)
            {
                findings.Add(new CheckFinding($"{file.RelativePath}: cannot be read: {digest.Error}", position));
            }
            else if (!expected.TryGetValue(file.RelativePath, out var was))
            {
                findings.Add(new CheckFinding($"{file.RelativePath}: added, not in {index.RunId}", position, Expected: "absent", Actual: digest.Sha256));
            }
            else if (was != digest.Sha256)
            {
                findings.Add(new CheckFinding($"{file.RelativePath}: SHA-256 is {digest.Sha256}, expected {was} as in {index.RunId}", position, Expected: was, Actual: digest.Sha256));
            }
            else
            {
                same++;
            }
        }

        foreach (var removed in expected.Keys.Where(p => !actual.Contains(p)).Order(Utf8OrdinalComparer.Instance))
        {
            findings.Add(new CheckFinding($"{removed}: removed, present in {index.RunId}", Position, Expected: expected[removed], Actual: "absent"));
        }

        if (findings.Count > 0)
        {
            return CheckEvaluation.Failed($"{DiagnosticText.Count(findings.Count, "file")} {(findings.Count == 1 ? "differs" : "differ")} from {index.RunId}, {same} the same", findings);
        }

        return same == 0
            ? CheckEvaluation.Missing($"no evidence files to compare with {index.RunId}")
            : CheckEvaluation.Passed($"{DiagnosticText.Count(same, "file")} {(same == 1 ? "hashes" : "hash")} the same as in {index.RunId}");
    }

    /// <summary>The evidence folder's path inside the bundle (<c>reports/</c>), or empty when it is the bundle or lies outside it.</summary>
    private static string EvidencePrefix(CheckContext context, string evidence)
    {
        if (context.BundleDirectory is null)
        {
            return "";
        }

        return RelativePath.Below(context.BundleDirectory, evidence) is { } relative ? relative + "/" : "";
    }
    /// <summary>
    /// A failed evaluation when the reference, a bundle of this runbook's bundles folder, was invalidated, or when
    /// status.jsonl cannot be read (RG4032: an unreadable log rules out no invalidation); null when it may be compared with.
    /// </summary>
    private static CheckEvaluation? Invalidation(CheckContext context, string reference)
    {
        var store = new BundleStore(context.BundlesDirectory);
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(reference));
        if (Path.GetDirectoryName(folder) != store.BundlesDirectory)
        {
            return null;
        }

        try
        {
            return store.FindInvalidation(Path.GetFileName(folder)) is { } invalidation
                ? CheckEvaluation.Failed(new CheckFinding($"the reference bundle {Path.GetFileName(folder)} was invalidated ({DiagnosticCatalog.BundleInvalidated.Code}): {invalidation.Reason}", SourcePosition.OfFile(Path.Combine(store.BundlesDirectory, BundleFiles.Status))))
                : null;
        }
        catch (BundleException e)
        {
            return CheckEvaluation.Failed(new CheckFinding($"{e.Diagnostic.Code}: {e.Message}", new SourcePosition(e.File ?? Path.Combine(store.BundlesDirectory, BundleFiles.Status), e.Line, e.Column)));
        }
    }
}
