using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Checks;

/// <summary>A check context over real folders for the ledger and reproducible checks.</summary>
internal static class IntegrityCheckContext
{
    public static CheckContext Create(string specDirectory, string evidenceDirectory, string bundlesDirectory, string? bundleDirectory = null) => new()
    {
        Runbook = new Runbook
        {
            SourcePath = Path.Combine(specDirectory, "rungates.yml"),
            Digest = new string('0', 64),
            Name = "demo",
            Run = new RunSettings { Bundles = bundlesDirectory },
            Ledger = new LedgerSettings { Position = new SourcePosition(Path.Combine(specDirectory, "rungates.yml"), 20, 1) },
        },
        EvidenceDirectory = evidenceDirectory,
        BundleDirectory = bundleDirectory,
        BundlesDirectory = bundlesDirectory,
        Environment = new Dictionary<string, string>(),
        Masker = SecretMasker.None,
        Processes = new ProcessRunner(SecretMasker.None),
        Documents = new EvidenceDocumentCache(),
    };

    public static SourcePosition Line(int line) => new("rungates.yml", line, 5);
}
