using RunGates.GitHub.Tests.TestSupport;
using Xunit.Abstractions;

namespace RunGates.GitHub.Tests.Container;

/// <summary>
/// The action's image built from the repository's Dockerfile and run as the GitHub runner runs a Docker action.
/// Needs podman (skipped with a message where it is absent); the first test of a run builds the image (~1 min with
/// the publish, plus ~2 s once per machine for the chiseled stand-in base, action/make-chiseled-base.sh).
/// </summary>
[Trait("Category", "Container")]
public sealed class ActionImageTests(ActionImage image, ITestOutputHelper output) : IClassFixture<ActionImage>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [PodmanFact]
    public async Task Entry_point_is_rungates_github_in_exec_form_run_as_root_with_no_workdir()
    {
        var config = await image.InspectAsync("{{json .Config.Entrypoint}}|{{.Config.WorkingDir}}|{{.Config.User}}");
        output.WriteLine(string.Join("; ", image.Timings));

        // Exec form: no shell between the runner and the CLI. No WORKDIR: the runner picks it. Root, over the chiseled
        // base's non-root default: the runner's workspace belongs to another user.
        Assert.Equal("""["/app/rungates","github"]||0:0""", config);
    }

    [PodmanFact]
    public async Task The_image_is_the_native_CLI_on_a_base_with_no_shell_no_package_manager_and_no_dotnet()
    {
        using var folder = new TempFolder();
        var entries = await image.FileSystemAsync(folder["image.tar"]);

        var app = entries.Where(e => e.Name.StartsWith("app/", StringComparison.Ordinal) && e.Name != "app/").Select(e => e.Name).ToList();
        Assert.Equal(["app/rungates"], app);
        Assert.Equal("\u007fELF"u8.ToArray(), entries.Single(e => e.Name == "app/rungates").Head);
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain("bin/sh", names);
        Assert.DoesNotContain("usr/bin/sh", names);
        Assert.DoesNotContain("usr/bin/apt-get", names);
        Assert.DoesNotContain(names, n => Path.GetFileName(n.TrimEnd('/')) is "dotnet" or "libcoreclr.so");
        // What a Native AOT executable loads at run time: glibc, OpenSSL (opened when first used), CA certificates.
        Assert.Contains(names, n => n.EndsWith("/libc.so.6", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("/libssl.so.3", StringComparison.Ordinal));
        Assert.Contains("etc/ssl/certs/ca-certificates.crt", names);
    }

    [PodmanFact]
    public async Task The_image_is_at_most_40_MiB()
    {
        var size = long.Parse(await image.InspectAsync("{{.Size}}"), System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"image size: {size / 1048576.0:0.0} MiB");

        Assert.InRange(size, 1, 40L * 1024 * 1024);
    }

    [PodmanFact]
    public async Task Native_CLI_starts_in_a_base_image_without_dotnet()
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
        WriteContainerRunbook(workspace);
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
        // The image has no printenv (no coreutils at all): the host's, which runs on the same glibc the base carries.
        var run = new ActionContainerRun(workspace["repo"], workspace["runner-temp"]) { EntryPoint = "/test/printenv" };
        run.ReadOnlyMounts.Add(("/usr/bin/printenv", "/test/printenv"));
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

    [PodmanFact]
    public async Task A_bundle_is_written_into_a_workspace_owned_by_another_uid_as_on_a_runner()
    {
        using var workspace = new TempFolder();
        WriteContainerRunbook(workspace);
        // Hosted runners check out as uid 1001 (`runner`) and start the container with no --user; the base image's
        // own default user (1654, `app`, in a chiseled image) could not write below a 0755 folder it does not own.
        foreach (var (tool, arguments) in new[] { ("chown", new[] { "-R", "1001:1001" }), ("chmod", new[] { "-R", "u=rwX,go=rX" }) })
        {
            var changed = await ToolProcess.RunAsync(tool, [.. arguments, workspace["repo"]], TimeSpan.FromSeconds(30));
            Assert.True(changed.ExitCode == 0, changed.ToString());
        }
        var run = new ActionContainerRun(workspace["repo"], workspace["runner-temp"]) { EntryPoint = "/app/rungates" };
        run.Arguments.AddRange(["run", "--spec", "rungates.yml"]);

        var result = await image.RunAsync(run, RunTimeout);

        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        var latest = File.ReadAllText(workspace["repo/out/container/LATEST"]).Trim();
        Assert.True(File.Exists(workspace[$"repo/out/container/{latest}/artifact_index.json"]), result.ToString());
    }

    [PodmanFact]
    public async Task Image_posts_the_status_and_check_run_as_the_runner_runs_it()
    {
        await using var server = new GitHubApiServer();
        using var workspace = new TempFolder();
        const string token = "ghs_container_secret_token";
        const string headSha = "0123456789abcdef0123456789abcdef01234567";

        // The checkout: helios whose evidence shows an unrehearsed pause drill (an advisory failure: partial).
        Directory.CreateDirectory(workspace["repo/.git"]);
        workspace.CopyFrom(Path.Combine(RepositoryRoot.Path, "examples", "helios"), "repo/examples/helios");
        Directory.Delete(workspace["repo/examples/helios/evidence/pass"], recursive: true);
        workspace.CopyFrom(workspace["repo/examples/helios/evidence/pause-not-rehearsed"], "repo/examples/helios/evidence/pass");
        var run = new ActionContainerRun(workspace["repo"], workspace["runner-temp"]);
        File.WriteAllText(run.EventFile, """{"pull_request":{"number":7,"head":{"sha":"HEAD","repo":{"full_name":"acme/helios"}},"base":{"repo":{"full_name":"acme/helios"}}}}""".Replace("HEAD", headSha, StringComparison.Ordinal));
        run.Inputs["token"] = token;
        run.Inputs["working-directory"] = "examples/helios";
        run.Environment["GITHUB_API_URL"] = server.ApiUrl;
        run.Environment["GITHUB_SERVER_URL"] = server.ServerUrl;
        run.Environment["GITHUB_REPOSITORY"] = "acme/helios";
        run.Environment["GITHUB_EVENT_NAME"] = "pull_request";
        run.Environment["GITHUB_SHA"] = "fedcba9876543210fedcba9876543210fedcba98";
        run.Environment["GITHUB_RUN_ID"] = "42";

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await image.RunAsync(run, RunTimeout);
        output.WriteLine($"container start to exit, status posted: {started.Elapsed.TotalSeconds:0.00}s");
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(server.Requests, r => Assert.Empty(r.ValidationErrors));
        var checkRun = Assert.Single(server.CheckRuns);
        Assert.Equal((headSha, "rungates/helios", "success"), (checkRun.HeadSha, checkRun.Name, checkRun.Conclusion));
        Assert.Equal(2, checkRun.Annotations.Count);
        Assert.All(checkRun.Annotations, a => Assert.Equal("examples/helios/evidence/pass/reports/helios-omniversal-symphony/owner/emergency-runbook.json", (string?)a["path"]));
        var status = Assert.Single(server.Statuses);
        Assert.Equal((headSha, "success", "rungates/helios", checkRun.HtmlUrl), (status.Sha, status.State, status.Context, status.TargetUrl));
        var outputs = File.ReadAllText(run.OutputFile);
        Assert.Matches("verdict<<(ghadelimiter_[0-9a-f]+)\npartial\n\\1\n", outputs);
        Assert.Matches("bundle<<(ghadelimiter_[0-9a-f]+)\nexamples/helios/out/helios/helios-[0-9T]+\n\\1\n", outputs);
        Assert.Contains("\n" + checkRun.HtmlUrl + "\n", outputs, StringComparison.Ordinal);
        Assert.StartsWith("## rungates/helios: PARTIAL (partial)", File.ReadAllText(run.StepSummaryFile), StringComparison.Ordinal);
        // The token is on podman's command line (as the runner passes it), never in what the action printed or wrote.
        Assert.DoesNotContain(token, result.Output + result.Error + outputs + File.ReadAllText(run.StepSummaryFile), StringComparison.Ordinal);
    }

    private static void WriteContainerRunbook(TempFolder workspace)
    {
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
    }
}
