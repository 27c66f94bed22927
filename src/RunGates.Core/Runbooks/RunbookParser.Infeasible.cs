using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Runbooks;

/// <summary><c>infeasible: { counts-as: passed | incomplete }</c>, beside a check's <c>infeasible-when</c>.</summary>
internal sealed partial class RunbookParser
{
    private InfeasibleCountsAs ParseInfeasible(Fields check, string label)
    {
        if (!check.TryGet("infeasible", out var node))
        {
            return InfeasibleCountsAs.Incomplete;
        }

        // Without infeasible-when nothing can be infeasible: the setting would be a promise the check never keeps.
        if (!check.Has("infeasible-when"))
        {
            var key = check.Entries.First(e => e.Key == "infeasible").KeyNode;
            Error(DiagnosticCatalog.InfeasibleWithoutCondition, key, $"expected 'infeasible' only beside 'infeasible-when' in {label}, found it alone", "Add infeasible-when: { <path>: <value> } that says which records are infeasible, or remove infeasible:.");
            return InfeasibleCountsAs.Incomplete;
        }

        var before = Errors.Count;
        var map = Map(node, "infeasible", RunbookKeys.Infeasible);
        if (map is null || Errors.Count > before)
        {
            return InfeasibleCountsAs.Incomplete;
        }

        if (!map.TryGet("counts-as", out var countsAsNode))
        {
            Error(DiagnosticCatalog.MissingKey, node, "expected a 'counts-as' key in infeasible, found none", "Write infeasible: { counts-as: passed } or { counts-as: incomplete } (the default).");
            return InfeasibleCountsAs.Incomplete;
        }

        return Choice(countsAsNode, "counts-as", RunbookKeys.CountsAs) == "passed" ? InfeasibleCountsAs.Passed : InfeasibleCountsAs.Incomplete;
    }
}
