using System.Collections.Concurrent;
using System.Text.Json;

namespace RunGates.Core.Evidence;

/// <summary>
/// The folders and caches a <see cref="ValueReference"/> to another document reads from, for one check's phase, and
/// that check's time for patterns (<see cref="Patterns"/>).
/// Made by <c>CheckContext.References(phase)</c>; tests make one over a temporary folder.
/// </summary>
public sealed class ReferenceSources
{
    /// <summary>Where evidence paths (and <c>digest-of</c> files) resolve: <c>run.evidence</c>, or rungates.yml's folder in pre-flight.</summary>
    public required string EvidenceBase { get; init; }

    /// <summary>The folder holding rungates.yml, for <c>spec:</c>.</summary>
    public required string SpecDirectory { get; init; }

    /// <summary>This run's run.json; null in pre-flight and before the bundle is open.</summary>
    public string? RunJsonPath { get; init; }

    /// <summary><c>run.bundles</c>, for <c>bundle:</c>.</summary>
    public required string BundlesDirectory { get; init; }

    public required EvidenceDocumentCache Documents { get; init; }

    /// <summary>Bundles already opened (validated) in this run; shared by every check of the run.</summary>
    public required ReferenceBundles Bundles { get; init; }

    /// <summary>
    /// The time this check's <c>matches:</c> patterns may take together (one sources per check, so one budget per
    /// check, never the run's): <see cref="EvidencePattern.CheckBudget"/> unless a test sets a shorter one.
    /// </summary>
    internal PatternBudget Patterns { get; init; } = new(EvidencePattern.CheckBudget);

    /// <summary>
    /// Why <paramref name="fullPath"/> may not be read under <paramref name="root"/> (outside it, or a link leads out),
    /// with RG4004; null when it may. The one path rule (<see cref="Ledgers.RootedPath.Escape"/>) for REF files and digest-of.
    /// </summary>
    internal string? Escape(string root, string fullPath) =>
        Ledgers.RootedPath.Escape(root, fullPath, _realFolders) is { } refusal ? $"{refusal} ({Diagnostics.DiagnosticCatalog.PathEscapesRoot.Code})" : null;

    private readonly ConcurrentDictionary<string, string> _realFolders = new(StringComparer.Ordinal);

    // External REFs resolved once per check: 10,000 receipts against one limits.json read its value once, on the JSON.
    private readonly ConcurrentDictionary<ValueReference, ExternalValue> _external = new(ReferenceEqualityComparer.Instance);

    private readonly record struct ExternalValue(bool Resolved, bool IsJson, JsonElement Element);

    /// <summary>
    /// The one JSON value an external REF (not <c>run</c>, which is rewritten during a run) names, for the JSON fast
    /// path: true with <paramref name="found"/> false when it does not resolve (the matcher fails), false when the
    /// answer needs nodes (a YAML document).
    /// </summary>
    internal bool TryExternalJson(ValueReference reference, out JsonElement value, out bool found)
    {
        if (reference.Path.UsesOuter || reference.IfNone || reference.File == ReferenceFileKind.FileName)
        {
            // A join (^) and a file name differ per document or element, and if-none must tell "no bundle" from "absent": on nodes.
            value = default;
            found = false;
            return false;
        }

        var known = _external.GetOrAdd(reference, static (r, sources) =>
        {
            if (ReferenceResolver.Resolve(r, sources).Single(out _) is not { } node)
            {
                return new ExternalValue(false, true, default);
            }

            return node.TryGetJson(out var element, out _) ? new ExternalValue(true, true, element) : new ExternalValue(true, false, default);
        }, this);
        value = known.Element;
        found = known.Resolved;
        return known.IsJson;
    }
}
