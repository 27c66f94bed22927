using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;

namespace RunGates.Core.Ledgers;

/// <summary>
/// Reads a JSON (or YAML) digest index, such as a bundle's <c>artifact_index.json</c>, as ledger records: the entries
/// a path selects, each naming its file and SHA-256 by two paths inside it. Each record carries the entry's line and
/// column, so a finding points at the entry itself. An entry that does not give a path and 64 hex digits is an RG4006
/// problem at its own position, and reading goes on; verification is <see cref="LedgerVerifier"/>'s, as for SHA256SUMS.
/// </summary>
public static class JsonLedgerReader
{
    public static LedgerReadResult Read(string ledgerFile, DocumentPath entries, DocumentPath path, DocumentPath sha256)
    {
        var full = Path.GetFullPath(ledgerFile);
        var extension = Path.GetExtension(full);
        // format: json says what the file is, so its extension does not decide; YAML is read only when named so.
        var loaded = extension.Equals(".yml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
            ? EvidenceReader.Load(full)
            : EvidenceReader.LoadJson(full);
        if (loaded.Document is not { } document)
        {
            var at = loaded.ErrorPosition;
            return new LedgerReadResult([], [new IntegrityProblem(DiagnosticCatalog.MalformedLedgerLine, full, $"expected a JSON digest index, found {loaded.Error}", at?.Line ?? 0, at?.Column ?? 0)]);
        }

        var records = new List<LedgerRecord>();
        var problems = new List<IntegrityProblem>();
        var selected = EvidencePathResolver.Resolve(document.Root, entries);
        if (selected.All(r => r.Node is null) && selected.Count > 0)
        {
            problems.Add(Malformed(full, document.Root, $"expected entries at {entries.Text}, found nothing there"));
        }

        foreach (var entry in Entries(selected, entries))
        {
            var position = entry.Node.Position;
            if (entry.Node.Kind != EvidenceNodeKind.Object)
            {
                problems.Add(Malformed(full, entry.Node, $"{entry.Path}: expected an entry object, found {entry.Node.Display()}"));
                continue;
            }

            var listed = Field(entry.Node, path, out var pathNode);
            var digest = Field(entry.Node, sha256, out var digestNode);
            if (listed is null || listed.Length == 0)
            {
                problems.Add(Malformed(full, pathNode ?? entry.Node, $"{entry.Path}: expected a file path at {path.Text}, found {Shown(pathNode)}"));
            }
            else if (digest is null || !LedgerReader.IsSha256(digest))
            {
                problems.Add(Malformed(full, digestNode ?? entry.Node, $"{entry.Path} ({listed}): expected 64 hex digits at {sha256.Text}, found {Shown(digestNode)}"));
            }
            else
            {
                records.Add(new LedgerRecord(LedgerReader.WithoutDotSlash(listed), digest.ToLowerInvariant(), position.Line, position.Column));
            }
        }

        return new LedgerReadResult(records, problems);
    }

    /// <summary>
    /// The entry records: what <paramref name="entries"/> selects, or the items of the one array it names, so that
    /// <c>artifacts</c> and <c>artifacts[*]</c> read the same.
    /// </summary>
    private static IEnumerable<(string Path, EvidenceNode Node)> Entries(IReadOnlyList<EvidencePathResolver.Resolution> selected, DocumentPath entries)
    {
        var found = selected.Where(r => r.Node is not null).Select(r => (r.Path, Node: r.Node!)).ToList();
        if (!entries.HasWildcard && found is [{ Node.Kind: EvidenceNodeKind.Array } only])
        {
            return only.Node.Items.Select((item, i) => ($"{entries.Text}[{i}]", item));
        }

        return found;
    }

    private static string? Field(EvidenceNode entry, DocumentPath path, out EvidenceNode? node)
    {
        node = EvidencePathResolver.ResolveFirst(entry, path);
        return node is { Kind: EvidenceNodeKind.String } ? node.Text : null;
    }

    private static string Shown(EvidenceNode? node) => node is null ? "nothing" : node.Display();

    private static IntegrityProblem Malformed(string ledger, EvidenceNode at, string message)
    {
        var position = at.Position;
        return new IntegrityProblem(DiagnosticCatalog.MalformedLedgerLine, ledger, message, position.Line, position.Column);
    }
}
