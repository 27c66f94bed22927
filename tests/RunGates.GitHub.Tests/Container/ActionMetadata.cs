using YamlDotNet.RepresentationModel;

namespace RunGates.GitHub.Tests.Container;

/// <summary>
/// The inputs action.yml declares, with their defaults: the runner passes every one, defaulted or given. The root
/// action.yml unless another file (setup/action.yml) is named.
/// </summary>
internal static class ActionMetadata
{
    public static string File => Path.Combine(RepositoryRoot.Path, "action.yml");

    /// <summary>Each declared input's default, by name; an input without a default maps to the empty string.</summary>
    public static IReadOnlyDictionary<string, string> InputDefaults(string? file = null)
    {
        var inputs = Section(file ?? File, "inputs");
        return inputs.Children.ToDictionary(
            input => ((YamlScalarNode)input.Key).Value!,
            input => ((YamlMappingNode)input.Value).Children.TryGetValue(new YamlScalarNode("default"), out var value)
                ? ((YamlScalarNode)value).Value ?? ""
                : "");
    }

    /// <summary>The declared outputs' names.</summary>
    public static IReadOnlyList<string> Outputs(string? file = null) => Section(file ?? File, "outputs").Children.Select(o => ((YamlScalarNode)o.Key).Value!).ToList();

    /// <summary>The file's top-level mapping.</summary>
    public static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Section(string file, string name) => (YamlMappingNode)Load(file).Children[new YamlScalarNode(name)];
}
