using RunGates.Core.Checks;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>reproducible:</c> check: the reference bundle and what to ignore.</summary>
internal sealed partial class RunbookParser
{
    private ReproducibleCheck? ParseReproducible(YamlNode value, Phase phase, SourcePosition position)
    {
        var map = Map(value, "reproducible", RunbookKeys.Reproducible);
        if (map is null)
        {
            return null;
        }

        var check = new ReproducibleCheck { Id = "", Phase = phase, Position = position };
        if (map.TryGet("against", out var againstNode) && Text(againstNode, "against") is { } against && NonEmpty(againstNode, against, "against", "LATEST or a bundle path"))
        {
            check = check with { Against = against };
        }

        if (map.TryGet("ignore", out var ignoreNode) && Globs(ignoreNode, "ignore") is { } ignore)
        {
            check = check with { Ignore = ignore };
        }

        return check;
    }
}
