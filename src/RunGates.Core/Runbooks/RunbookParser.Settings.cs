using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Verdicts;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>ledger:</c> and <c>promote:</c> sections (the ledger a run writes and the packet it promotes with).</summary>
internal sealed partial class RunbookParser
{
    private LedgerSettings? ParseLedger(YamlNode node)
    {
        var map = Map(node, "ledger", RunbookKeys.Ledger);
        if (map is null)
        {
            return null;
        }

        var ledger = new LedgerSettings { Position = At(node) };
        if (map.TryGet("root", out var rootNode) && Text(rootNode, "ledger.root") is { } root && NonEmpty(rootNode, root, "ledger.root", "a folder")
            && Contained(rootNode, root, "ledger.root", "run.evidence") is not null)
        {
            ledger = ledger with { Root = root };
        }

        if (map.TryGet("include", out var includeNode) && Globs(includeNode, "ledger.include") is { } include)
        {
            ledger = ledger with { Include = include };
        }

        if (map.TryGet("exclude", out var excludeNode) && Globs(excludeNode, "ledger.exclude") is { } exclude)
        {
            ledger = ledger with { Exclude = exclude };
        }

        if (map.TryGet("file", out var fileNode) && Text(fileNode, "ledger.file") is { } file && NonEmpty(fileNode, file, "ledger.file", "a file name")
            && Contained(fileNode, file, "ledger.file", "the bundle") is not null)
        {
            ledger = ledger with { File = file };
            if (ReservedBundleNames.Refusal(file) is { } refusal)
            {
                Error(DiagnosticCatalog.ReservedBundleName, fileNode, $"ledger.file: {file} {refusal}; expected a name of its own", "Use e.g. file: SHA256SUMS.");
            }
        }

        if (map.TryGet("copy-to", out var copyNode) && Text(copyNode, "ledger.copy-to") is { } copyTo && NonEmpty(copyNode, copyTo, "ledger.copy-to", "a file path")
            && Contained(copyNode, copyTo, "ledger.copy-to", "the folder holding rungates.yml") is not null)
        {
            ledger = ledger with { CopyTo = copyTo };
        }

        return ledger;
    }

    private PromoteSettings? ParsePromote(YamlNode node, LedgerSettings? ledger)
    {
        var map = Map(node, "promote", RunbookKeys.Promote);
        if (map is null)
        {
            return null;
        }

        var requires = Verdict.Pass;
        if (map.TryGet("requires", out var requiresNode) && Text(requiresNode, "promote.requires") is { } text)
        {
            if (text is "pass" or "partial")
            {
                VerdictKeywords.TryParse(text, out requires);
            }
            else
            {
                Error(DiagnosticCatalog.InvalidValue, requiresNode, $"expected pass or partial, found '{text}'", "promote.requires is the verdict keyword, not the runbook's own state name.");
            }
        }

        var packet = PromoteSettings.DefaultPacket;
        if (map.TryGet("packet", out var packetNode) && Text(packetNode, "promote.packet") is { } packetText && NonEmpty(packetNode, packetText, "promote.packet", "a file name")
            && Contained(packetNode, packetText, "promote.packet", "the bundle") is not null)
        {
            packet = packetText;
            var sameAsLedger = ledger is not null && string.Equals(ReservedBundleNames.Normalize(ledger.File), ReservedBundleNames.Normalize(packet), StringComparison.OrdinalIgnoreCase);
            if ((sameAsLedger ? "is ledger.file, the ledger RunGates writes into every bundle" : ReservedBundleNames.Refusal(packet)) is { } refusal)
            {
                Error(DiagnosticCatalog.ReservedBundleName, packetNode, $"promote.packet: {packet} {refusal}; expected a name of its own", $"Use e.g. packet: {PromoteSettings.DefaultPacket}.");
            }
        }

        return new PromoteSettings(requires, packet, At(node));
    }
}
