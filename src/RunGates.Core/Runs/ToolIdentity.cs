using System.Reflection;

namespace RunGates.Core.Runs;

/// <summary>The verifier's name and version, recorded in bundles and promotion packets.</summary>
public sealed record ToolIdentity(string Name, string Version)
{
    public static ToolIdentity Current { get; } = new(
        "rungates",
        typeof(ToolIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(ToolIdentity).Assembly.GetName().Version?.ToString()
            ?? "0.0.0");
}
