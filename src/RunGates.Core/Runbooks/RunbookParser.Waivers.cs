using System.Globalization;
using RunGates.Core.Bundles;
using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using RunGates.Core.Evidence;
using RunGates.Core.Runs;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>waivers:</c> section.</summary>
internal sealed partial class RunbookParser
{
    private List<Waiver> ParseWaivers(YamlNode node)
    {
        var waivers = new List<Waiver>();
        if (Sequence(node, "waivers", "a list of waivers") is not { } sequence)
        {
            return waivers;
        }

        foreach (var item in sequence)
        {
            var map = Map(item, "a waiver", RunbookKeys.Waiver);
            if (map is null)
            {
                continue;
            }

            var check = RequiredText(map, item, "check", "a waiver", "Name the id of the check it covers.");
            var reason = RequiredText(map, item, "reason", "a waiver", "Say why the failure is accepted.");
            var by = RequiredText(map, item, "by", "a waiver", "Name who accepted it.");
            var expiresText = RequiredText(map, item, "expires", "a waiver", "Give the last day it is in force, e.g. expires: 2026-12-31.");
            DateOnly? expires = null;
            if (expiresText is not null && map.TryGet("expires", out var expiresNode))
            {
                if (DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    expires = date;
                }
                else
                {
                    WrongType(expiresNode, "expires", "a date as yyyy-MM-dd", "Write the date as e.g. 2026-12-31.");
                }
            }

            if (check is not null && map.TryGet("check", out var checkNode))
            {
                var target = _headers.FirstOrDefault(c => c.Id == check);
                if (target is null)
                {
                    var suggestion = KeySuggestion.Closest(check, _headers.Select(c => c.Id));
                    Error(DiagnosticCatalog.UnknownWaiverCheck, checkNode, $"expected the id of a check in preflight or gates, found '{check}'", suggestion is null ? "Waivers name checks by id; check for a rename." : $"Did you mean '{suggestion}'?");
                    check = null;
                }
                else if (target.Severity == Severity.Blocker)
                {
                    Error(DiagnosticCatalog.WaiverOnBlocker, checkNode, $"expected a required or advisory check, found blocker '{check}' (line {target.IdNode.Start.Line})", "No waiver can cover a blocker; fix the failure, or lower the check's severity.");
                    check = null;
                }
            }

            if (check is not null && reason is not null && by is not null && expires is not null)
            {
                waivers.Add(new Waiver(check, reason, by, expires.Value, At(item)));
            }
        }

        return waivers;
    }
}
