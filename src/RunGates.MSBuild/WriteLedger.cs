using Microsoft.Build.Framework;
using RunGates.Core.Diagnostics;
using RunGates.Core.Ledgers;

namespace RunGates.MSBuild;

/// <summary>
/// Writes (or updates) a SHA256SUMS beside <see cref="Files"/>, in GNU sha256sum format. Entries other projects put in
/// the same ledger are kept while their files exist, so one packages folder has one ledger.
/// </summary>
public sealed class WriteLedger : Microsoft.Build.Utilities.Task
{
    [Required]
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>The ledger to write; every file must be in its folder or below.</summary>
    [Required]
    [Output]
    public string Ledger { get; set; } = "";

    public override bool Execute()
    {
        try
        {
            var entries = LedgerUpdater.Update(Ledger, Files.Select(f => f.GetMetadata("FullPath")).ToList());
            Log.LogMessage(MessageImportance.High, $"rungates: {Ledger}: {DiagnosticText.Count(entries.Count, "file")}");
            return true;
        }
        catch (LedgerBuildException e)
        {
            foreach (var problem in e.Problems)
            {
                Log.LogError(null, problem.Diagnostic.Code, null, problem.Diagnostic.HelpLink, problem.Path, 0, 0, 0, 0, problem.Message);
            }

            return false;
        }
    }
}
