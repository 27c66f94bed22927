using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RunGates.Core.Runs;
using RunGates.Core.Verdicts;

namespace RunGates.MSBuild;

/// <summary>The whole run: pre-flight, steps, gates, ledger, verdict, committed bundle and promotion packet.</summary>
public sealed class RunRunbook : RunGatesTask
{
    /// <summary>Overrides the runbook's <c>run.bundles</c>; empty keeps it.</summary>
    public string? BundlesDirectory { get; set; }

    /// <summary>Overrides the runbook's <c>run.evidence</c>; empty keeps it.</summary>
    public string? EvidenceDirectory { get; set; }

    [Output]
    public string Verdict { get; set; } = "";

    [Output]
    public string VerdictName { get; set; } = "";

    [Output]
    public string BundleDirectory { get; set; } = "";

    [Output]
    public string LedgerPath { get; set; } = "";

    [Output]
    public string PromotionPacketPath { get; set; } = "";

    /// <summary>One item per check: the id, with Outcome, Severity, Phase and Message metadata.</summary>
    [Output]
    public ITaskItem[] Checks { get; set; } = [];

    protected override bool ExecuteCore()
    {
        var runbook = LoadRunbook();
        var options = new RunOptions
        {
            Environment = ReadEnvironment(),
            BundlesDirectory = string.IsNullOrEmpty(BundlesDirectory) ? null : Path.GetFullPath(BundlesDirectory),
            EvidenceDirectory = string.IsNullOrEmpty(EvidenceDirectory) ? null : Path.GetFullPath(EvidenceDirectory),
        };
        var result = new RunPipeline(runbook, options).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        Verdict = result.Verdict.ToKeyword();
        VerdictName = result.VerdictName;
        BundleDirectory = result.BundleDirectory ?? "";
        LedgerPath = result.LedgerPath ?? "";
        PromotionPacketPath = result.PromotionPacketPath ?? "";
        Checks = result.Checks.Select(c =>
        {
            var item = new TaskItem(c.Id);
            item.SetMetadata("Outcome", c.Outcome.ToString().ToLowerInvariant());
            item.SetMetadata("Severity", c.Severity.ToString().ToLowerInvariant());
            item.SetMetadata("Phase", c.Phase.ToString().ToLowerInvariant());
            item.SetMetadata("Message", c.Message);
            return (ITaskItem)item;
        }).ToArray();
        return Report(result);
    }
}
