namespace RunGates.Core.Runbooks;

/// <summary>
/// The bounds every YAML document RunGates reads is held to, checked in one pass over the parser's events before
/// anything recursive (the representation model, the converters, the runbook parser) sees the document, so that a
/// hostile document ends in a clear error in time linear in its size, never in a hang, a stack overflow or an
/// exhausted memory.
/// </summary>
/// <param name="Subject">What the document is, for messages: "runbook" or "evidence document".</param>
/// <param name="MaxDocumentBytes">The largest file, in bytes; no more than one byte past it is ever read.</param>
/// <param name="MaxLineLength">The longest line, in characters.</param>
/// <param name="MaxDepth">How deep mappings and sequences may nest, counting the root collection as 1 and what aliases stand for.</param>
/// <param name="MaxAliases">How many aliases (<c>*name</c>) a document may use.</param>
/// <param name="MaxExpandedNodes">How many nodes the aliases may stand for in all, each use counted with everything it contains.</param>
/// <param name="MaxExpandedCharacters">How many characters of scalars the aliases may stand for in all.</param>
public sealed record YamlLimits(
    string Subject,
    long MaxDocumentBytes,
    int MaxLineLength,
    int MaxDepth,
    int MaxAliases,
    long MaxExpandedNodes,
    long MaxExpandedCharacters)
{
    /// <summary>The subject with its article, for messages: "a runbook", "an evidence document".</summary>
    public string Named => ("aeiou".Contains(Subject[0], StringComparison.Ordinal) ? "an " : "a ") + Subject;

    /// <summary>
    /// rungates.yml: real runbooks are a few KiB and nest under 10 deep. 64 levels leave room for any-of inside
    /// all-of inside a check while keeping the recursive runbook parser far from the stack's end.
    /// </summary>
    public static YamlLimits Runbook { get; } = new("runbook", 1 << 20, 64 * 1024, 64, 1_000, 100_000, 1 << 20);

    /// <summary>
    /// YAML evidence: machine-written and larger. 256 levels is the depth JSON evidence is already read to, so one
    /// limit holds whatever the format; aliases may stand for a million nodes (about 100 MB of nodes at most).
    /// </summary>
    public static YamlLimits Evidence { get; } = new("evidence document", 64L << 20, 1 << 20, 256, 100_000, 1_000_000, 64L << 20);
}
