using RunGates.Core.Checks;
using RunGates.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RunGates.Core.Runbooks;

/// <summary>The <c>tools:</c> check: each tool pinned to a version or a version file.</summary>
internal sealed partial class RunbookParser
{
    private List<ToolPin>? ParseTools(YamlNode node)
    {
        if (node is not YamlMappingNode { Children.Count: > 0 } map)
        {
            WrongType(node, "tools", "a mapping of tool names to { version } or { version-file }", "Write e.g. tools: { node: { version-file: .nvmrc } }.");
            return null;
        }

        var pins = new List<ToolPin>();
        foreach (var (key, value) in map.Children)
        {
            var tool = KeyText(key);
            if (value is YamlScalarNode)
            {
                if (Text(value, tool, allowNumber: true) is { } version)
                {
                    pins.Add(new ToolPin(tool, At(key)) { Version = version });
                }

                continue;
            }

            var fields = Map(value, $"tools.{tool}", RunbookKeys.ToolPin);
            if (fields is null)
            {
                continue;
            }

            var hasVersion = fields.TryGet("version", out var versionNode);
            var hasFile = fields.TryGet("version-file", out var fileNode);
            if (hasVersion == hasFile)
            {
                Error(hasVersion ? DiagnosticCatalog.WrongType : DiagnosticCatalog.MissingKey, hasVersion ? fileNode! : value, $"expected exactly one of version or version-file for {tool}, found {(hasVersion ? "both" : "neither")}", "Pin a version (version: 20.11.0) or read it from a file (version-file: .nvmrc).");
                continue;
            }

            if (hasVersion && Text(versionNode!, "version", allowNumber: true) is { } pinned)
            {
                pins.Add(new ToolPin(tool, At(key)) { Version = pinned });
            }
            else if (hasFile && Text(fileNode!, "version-file") is { } file && NonEmpty(fileNode!, file, "version-file", "a file path")
                && Contained(fileNode!, file, "version-file", "the folder holding rungates.yml") is not null)
            {
                pins.Add(new ToolPin(tool, At(key)) { VersionFile = file });
            }
        }

        return pins;
    }
}
