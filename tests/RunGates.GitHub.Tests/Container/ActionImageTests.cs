using Xunit.Abstractions;

namespace RunGates.GitHub.Tests.Container;

/// <summary>
/// The action's image built from the repository's Dockerfile and run as the GitHub runner runs a Docker action.
/// Needs podman (skipped with a message where it is absent); the first test of a run builds the image (~1 min with
/// the publish, plus ~1 min once per machine for the base image).
/// </summary>
[Trait("Category", "Container")]
public sealed class ActionImageTests(ActionImage image, ITestOutputHelper output) : IClassFixture<ActionImage>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [PodmanFact]
    public async Task Entry_point_is_rungates_github_in_exec_form_with_no_workdir_or_user()
    {
        var config = await image.InspectAsync("{{json .Config.Entrypoint}}|{{.Config.WorkingDir}}|{{.Config.User}}");
        output.WriteLine(string.Join("; ", image.Timings));

        // Exec form: no shell between the runner and the CLI. No WORKDIR or USER: the runner picks both.
        Assert.Equal("""["/app/rungates","github"]||""", config);
    }

    [PodmanFact]
    public async Task Self_contained_CLI_starts_in_a_base_image_without_dotnet()
    {
        using var workspace = new TempFolder();
        var run = new ActionContainerRun(workspace["repo"], workspace["runner-temp"]) { EntryPoint = "/app/rungates" };
        Directory.CreateDirectory(run.Workspace);
        run.Arguments.Add("--version");

        var result = await image.RunAsync(run, RunTimeout);

        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(typeof(RunGates.Cli.RunGatesApp).Assembly.GetName().Version!.ToString(3), result.Output, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task Runbook_runs_in_the_mounted_workspace_and_its_bundle_lands_on_the_host()
    {
        using var workspace = new TempFolder();
        workspace.Write("repo/config/run.json", """{ "mode": "canonical" }""");
        workspace.Write("repo/rungates.yml", """
            version: 1
            name: container
            run:
              bundles: out/container
              evidence: .
            preflight:
              - { id: inputs, files: [config/run.json] }
            gates:
              - { id: mode, file: config/run.json, expect: { mode: canonical } }
            """);
        var run = new ActionContainerRun(workspace["repo"], workspace["runner-temp"]) { EntryPoint = "/app/rungates" };
        run.Arguments.AddRange(["run", "--spec", "rungates.yml"]);

        var result = await image.RunAsync(run, RunTimeout);

        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Verdict: pass", result.Output, StringComparison.Ordinal);
        var latest = File.ReadAllText(workspace["repo/out/container/LATEST"]).Trim();
        Assert.True(File.Exists(workspace[$"repo/out/container/{latest}/artifact_index.json"]), result.ToString());
        Assert.True(File.Exists(workspace[$"repo/out/container/{latest}/results.json"]), result.ToString());
    }

    [PodmanFact]
    public async Task Inputs_reach_the_container_under_the_runners_names_with_dashes_kept()
    {
        using var workspace = new TempFolder();
        var run = new ActionContainerRun(workspace["repo"], workspace["runner-temp"]) { EntryPoint = "/usr/bin/printenv" };
        Directory.CreateDirectory(run.Workspace);
        run.Inputs["fail-on"] = "incomplete";
        run.Inputs["token"] = "ghs_not-a-real-token";
        run.Arguments.AddRange(["INPUT_FAIL-ON", "INPUT_MAX-ANNOTATIONS", "INPUT_WORKING-DIRECTORY", "INPUT_SPEC", "INPUT_TOKEN", "GITHUB_OUTPUT"]);

        var result = await image.RunAsync(run, RunTimeout);

        // Every input action.yml declares arrives, defaulted or given: the names the CLI must read.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["incomplete", "500", ".", "rungates.yml", "ghs_not-a-real-token", run.Environment["GITHUB_OUTPUT"]],
            result.Output.TrimEnd('\n').Split('\n'));
    }

    /// <summary>
    /// TODO(lead): the full assertion, once `rungates github` lands: start the fake GitHub API server on 127.0.0.1,
    /// set GITHUB_API_URL to it and the other GITHUB_* of a pull_request event (write the payload to
    /// <see cref="ActionContainerRun.EventFile"/>), run the image with its own entry point (no EntryPoint override),
    /// and assert the commit status and the check run the server received, GITHUB_OUTPUT's verdict/bundle/ledger/
    /// check-url/promoted, and the job summary. Time it from start to exit for docs/benchmarks.md.
    /// </summary>
    [Fact(Skip = "TODO(lead): needs the `rungates github` command and the fake GitHub API server; see the method's comment.")]
    public async Task Image_posts_the_status_and_check_run_as_the_runner_runs_it()
    {
        using var workspace = new TempFolder();
        var run = new ActionContainerRun(workspace["repo"], workspace["runner-temp"]);
        Directory.CreateDirectory(run.Workspace);
        run.Inputs["token"] = "ghs_not-a-real-token";
        run.Environment["GITHUB_API_URL"] = "http://127.0.0.1:PORT"; // the fake server's address
        run.Environment["GITHUB_REPOSITORY"] = "octo-org/octo-repo";
        run.Environment["GITHUB_EVENT_NAME"] = "pull_request";

        var result = await image.RunAsync(run, RunTimeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("verdict=", File.ReadAllText(run.OutputFile), StringComparison.Ordinal);
    }
}
