namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// Cases of the corpus that still fail on main, each with why. They run like every other case and must still fail as
/// written here: a case fixed without being taken off this list fails its test, so the list cannot go stale. Each is
/// printed on the console at every run, so what is open is seen, not hidden in a skip.
/// </summary>
internal static class KnownOpenCases
{
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["command-line/explain-results-json-is-a-fifo"] = "ResultsJson.Read still uses File.ReadAll*, not RegularFile (issue #13)",
        ["runbook/evidence-is-a-file"] = "an evidence folder that is a file exits 1, not a usage error (issue #13)",
        ["ledger/index-not-json"] = "artifact_index.json messages give no line (issue #13)",
        ["ledger/index-truncated"] = "artifact_index.json messages give no line (issue #13)",
        ["command-line/ledger-write-to-dev-full"] = "LedgerCommand turns a write error into exit 1 (issue #13)",
        ["ledger/run-ledger-root-holds-a-fifo"] = "a run's ledger: gate still leaves a FIFO out silently (issue #13)",
        ["ledger/run-step-makes-a-fifo-in-the-ledger-root"] = "a run's ledger: gate still leaves a FIFO out silently (issue #13)",
        ["evidence/surrogate-as-key"] = "a lone surrogate in a key is not yet reported as the corpus expects (issue #13)",
        ["evidence/yaml-nul-byte"] = "text after a NUL in YAML evidence is ignored, so the check passes (issue #13)",
        ["ledger/latest-is-a-fifo"] = "LATEST is read without the regular-file check (issue #13)",
        ["ledger/status-jsonl-is-a-fifo"] = "status.jsonl is read without the regular-file check (issue #13)",
        ["ledger/status-jsonl-garbage"] = "a corrupt status.jsonl validates as fine, so an invalidation could be lost (issue #13)",
        ["ledger/status-jsonl-nesting-100k"] = "a corrupt status.jsonl validates as fine, so an invalidation could be lost (issue #13)",
    };
}
