using YamlDotNet.RepresentationModel;

namespace RunGates.GitHub.Tests.Container;

/// <summary>The inputs action.yml declares, with their defaults: the runner passes every one, defaulted or given.</summary>
internal static class ActionMetadata
{
    public static string File => Path.Combine(RepositoryRoot.Path, "action.yml");

    /// <summary>Each declared input's default, by name; an input without a default maps to the empty string.</summary>
    public static IReadOnlyDictionary<string, string> InputDefaults()
    {
        var inputs = Section("inputs");
        return inputs.Children.ToDictionary(
            input => ((YamlScalarNode)input.Key).Value!,
            input => ((YamlMappingNode)input.Value).Children.TryGetValue(new YamlScalarNode("default"), out var value)
                ? ((YamlScalarNode)value).Value ?? ""
                : "");
    }

    /// <summary>The declared outputs' names.</summary>
    public static IReadOnlyList<string> Outputs() => Section("outputs").Children.Select(o => ((YamlScalarNode)o.Key).Value!).ToList();

    private static YamlMappingNode Section(string name)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(File))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode(name)];
    }
}
