using YamlDotNet.RepresentationModel;

namespace RunGates.GitHub.Tests.Container;

/// <summary>The inputs action.yml declares, with their defaults: the runner passes every one, defaulted or given.</summary>
internal static class ActionMetadata
{
    public static string File => Path.Combine(RepositoryRoot.Path, "action.yml");

    /// <summary>Each declared input's default, by name; an input without a default maps to the empty string.</summary>
    public static IReadOnlyDictionary<string, string> InputDefaults()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(File))
        {
            stream.Load(reader);
        }

        var inputs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("inputs")];
        return inputs.Children.ToDictionary(
            input => ((YamlScalarNode)input.Key).Value!,
            input => ((YamlMappingNode)input.Value).Children.TryGetValue(new YamlScalarNode("default"), out var value)
                ? ((YamlScalarNode)value).Value ?? ""
                : "");
    }
}
