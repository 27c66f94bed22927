namespace RunGates.Core.Checks;

/// <summary>
/// A <c>ledger:</c> file written <c>bundle:&lt;LATEST|run id&gt;/&lt;path&gt;</c>: a ledger inside a committed earlier
/// bundle (the SHA256SUMS RunGates wrote at that run's commit), read only once the bundle validates.
/// </summary>
/// <param name="BundleId"><c>LATEST</c> or a run id under <c>run.bundles</c>.</param>
/// <param name="FilePath">The ledger's path inside that bundle.</param>
/// <param name="IfNone"><c>if-none: pass</c> (only on LATEST): the check holds when no run was ever committed (a first run).</param>
public sealed record LedgerBundleFile(string BundleId, string FilePath, bool IfNone);
