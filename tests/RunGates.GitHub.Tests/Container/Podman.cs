namespace RunGates.GitHub.Tests.Container;

/// <summary>
/// podman as this machine runs it (../shared/ENVIRONMENT.md): with runc, and with a containers.conf that sets no
/// default ulimits, which the kernel here refuses to raise inside a container.
/// </summary>
internal static class Podman
{
    /// <summary>The podman executable on PATH, or null where it is not installed.</summary>
    public static string? Path { get; } = FindOnPath("podman");

    private static readonly Lazy<string> ContainersConf = new(WriteContainersConf);

    /// <summary>The variables a script that runs podman itself (make-chiseled-base.sh) needs: CONTAINERS_CONF.</summary>
    public static IReadOnlyDictionary<string, string> ToolEnvironment => new Dictionary<string, string> { ["CONTAINERS_CONF"] = ContainersConf.Value };

    public static Task<ToolResult> RunAsync(TimeSpan timeout, params IEnumerable<string> arguments) =>
        ToolProcess.RunAsync(
            Path ?? throw new InvalidOperationException("podman is not installed"),
            arguments.Prepend("runc").Prepend("--runtime"),
            timeout,
            ToolEnvironment);

    private static string WriteContainersConf()
    {
        // A CONTAINERS_CONF set by the caller (.ci/run exports one) wins; otherwise the tests bring their own.
        if (Environment.GetEnvironmentVariable("CONTAINERS_CONF") is { Length: > 0 } given)
        {
            return given;
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rungates-tests", "containers.conf");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "[containers]\ndefault_ulimits = []\n");
        return path;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
