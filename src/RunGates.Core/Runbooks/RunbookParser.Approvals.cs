using RunGates.Core.Checks;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>approvals:</c> check: how many reviews, and whether the author counts.</summary>
internal sealed partial class RunbookParser
{
    private ApprovalsCheck? ParseApprovals(YamlNode value, Phase phase, SourcePosition position)
    {
        var map = Map(value, "approvals", RunbookKeys.Approvals);
        if (map is null)
        {
            return null;
        }

        var check = new ApprovalsCheck { Id = "", Phase = phase, Position = position };
        if (map.TryGet("min", out var minNode) && Integer(minNode, "min", 1, 100) is { } min)
        {
            check = check with { Min = min };
        }

        if (map.TryGet("not-author", out var authorNode) && Boolean(authorNode, "not-author") is { } notAuthor)
        {
            check = check with { NotAuthor = notAuthor };
        }

        return check;
    }
}
