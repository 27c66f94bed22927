namespace RunGates.Core.Checks;

/// <summary>How a <c>ledger:</c> check reads its ledger file.</summary>
public enum LedgerFormat
{
    /// <summary>A SHA256SUMS, as <c>sha256sum</c> writes it.</summary>
    Sha256Sum,

    /// <summary>A JSON digest index: entries selected by a path, each naming its file and SHA-256.</summary>
    Json,
}
