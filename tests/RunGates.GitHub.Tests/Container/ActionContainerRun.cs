namespace RunGates.GitHub.Tests.Container;

/// <summary>
/// One `podman run` of the action's image, laid out as the runner lays out its `docker run` of a Docker action
/// (actions/runner, ContainerActionHandler and DockerCommandManager): the workspace mounted at /github/workspace
/// and made the working directory; the file-command folder at /github/file_commands holding GITHUB_OUTPUT and
/// GITHUB_STEP_SUMMARY; the event payload under /github/workflow; HOME at /github/home; every input of action.yml
/// as INPUT_&lt;NAME&gt; (its default unless given); GITHUB_ACTIONS=true and CI=true. <c>--network host</c> lets the
/// container reach a test server on the host's 127.0.0.1, as GITHUB_API_URL would name it.
/// </summary>
public sealed class ActionContainerRun
{
    public const string ContainerWorkspace = "/github/workspace";

    private const string ContainerFileCommands = "/github/file_commands";
    private const string ContainerWorkflow = "/github/workflow";
    private const string ContainerHome = "/github/home";

    private readonly string suffix = Guid.NewGuid().ToString("N");

    /// <param name="workspace">The host folder mounted at /github/workspace: a copy of the repository under test.</param>
    /// <param name="runnerTemp">A host folder standing for the runner's temp folder, where the file commands, the
    /// event payload and HOME live; created if absent.</param>
    public ActionContainerRun(string workspace, string runnerTemp)
    {
        Workspace = workspace;
        FileCommands = CreateFolder(runnerTemp, "_runner_file_commands");
        WorkflowFolder = CreateFolder(runnerTemp, "_github_workflow");
        Home = CreateFolder(runnerTemp, "_github_home");
        File.WriteAllText(OutputFile, "");
        File.WriteAllText(StepSummaryFile, "");
        foreach (var (name, value) in ActionMetadata.InputDefaults())
        {
            // `${{ github.token }}` and other expressions are evaluated by the runner; a test gives such inputs itself.
            if (!value.Contains("${{", StringComparison.Ordinal))
            {
                Inputs[name] = value;
            }
        }

        Environment["GITHUB_WORKSPACE"] = ContainerWorkspace;
        Environment["GITHUB_EVENT_PATH"] = ContainerWorkflow + "/event.json";
        Environment["GITHUB_OUTPUT"] = $"{ContainerFileCommands}/set_output_{suffix}";
        Environment["GITHUB_STEP_SUMMARY"] = $"{ContainerFileCommands}/step_summary_{suffix}";
        Environment["HOME"] = ContainerHome;
    }

    public string Workspace { get; }

    public string FileCommands { get; }

    public string WorkflowFolder { get; }

    public string Home { get; }

    /// <summary>The host side of GITHUB_OUTPUT.</summary>
    public string OutputFile => Path.Combine(FileCommands, "set_output_" + suffix);

    /// <summary>The host side of GITHUB_STEP_SUMMARY.</summary>
    public string StepSummaryFile => Path.Combine(FileCommands, "step_summary_" + suffix);

    /// <summary>The host side of GITHUB_EVENT_PATH: write the event payload here.</summary>
    public string EventFile => Path.Combine(WorkflowFolder, "event.json");

    /// <summary>Inputs by their action.yml names (<c>fail-on</c>), preset to action.yml's defaults.</summary>
    public Dictionary<string, string> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>GITHUB_* and any other variables, preset to the paths the runner translates into the container.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Host files or folders mounted read-only beside the runner's, such as a tool the image does not carry.</summary>
    public List<(string Host, string Container)> ReadOnlyMounts { get; } = [];

    /// <summary>An entry point in place of the image's, as action.yml's <c>runs.entrypoint</c> would give.</summary>
    public string? EntryPoint { get; set; }

    /// <summary>Arguments after the image, as action.yml's <c>runs.args</c> would give.</summary>
    public List<string> Arguments { get; } = [];

    /// <summary>The runner's rule (actions/runner Handler.AddInputsToEnvironment): upper-cased, spaces to underscores.</summary>
    public static string InputVariable(string input) => "INPUT_" + input.Replace(' ', '_').ToUpperInvariant();

    public IReadOnlyList<string> PodmanArguments(string image)
    {
        var arguments = new List<string> { "run", "--rm", "--network", "host", "--workdir", ContainerWorkspace };
        var variables = Inputs.Select(input => (Name: InputVariable(input.Key), input.Value))
            .Concat(Environment.Select(variable => (Name: variable.Key, variable.Value)))
            .Append(("GITHUB_ACTIONS", "true"))
            .Append(("CI", "true"));
        foreach (var (name, value) in variables)
        {
            arguments.AddRange(["-e", $"{name}={value}"]);
        }

        var mounts = new[]
        {
            (Workspace, ContainerWorkspace), (Home, ContainerHome), (WorkflowFolder, ContainerWorkflow), (FileCommands, ContainerFileCommands),
        };
        foreach (var (host, container) in mounts)
        {
            arguments.AddRange(["-v", $"{host}:{container}"]);
        }

        foreach (var (host, container) in ReadOnlyMounts)
        {
            arguments.AddRange(["-v", $"{host}:{container}:ro"]);
        }

        if (EntryPoint is not null)
        {
            arguments.AddRange(["--entrypoint", EntryPoint]);
        }

        arguments.Add(image);
        arguments.AddRange(Arguments);
        return arguments;
    }

    private static string CreateFolder(string parent, string name) => Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
}
