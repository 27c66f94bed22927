using RunGates.GitHub.Tests.Container;
using RunGates.GitHub.Tests.TestSupport;
using Xunit.Abstractions;

namespace RunGates.GitHub.Tests.Setup;

/// <summary>
/// setup/action.yml, the composite action for Windows and macOS runners, run step by step on this machine as the
/// runner would run it (<see cref="CompositeActionRunner"/>): the tool installed by its install step from a local
/// package folder, then `rungates github` reporting to the local GitHub API server.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SetupActionTests(SetupPackageFeed feed, ITestOutputHelper output) : IClassFixture<SetupPackageFeed>, IDisposable
{
    private const string Token = "ghs_setup_secret_token_value";
    private const string HeadSha = "0123456789abcdef0123456789abcdef01234567";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);
    private static readonly string SetupAction = Path.Combine(RepositoryRoot.Path, "setup", "action.yml");

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Setup_action_passes_action_validator_and_declares_the_docker_actions_inputs_and_outputs()
    {
        var (exitCode, lint) = ActionValidator.Validate(SetupAction);
        Assert.True(exitCode == 0, lint);

        var docker = ActionMetadata.InputDefaults();
        var setup = ActionMetadata.InputDefaults(SetupAction);
        Assert.Equal(docker.Append(new("version", "")).Append(new("package-source", "")).OrderBy(i => i.Key, StringComparer.Ordinal), setup.OrderBy(i => i.Key, StringComparer.Ordinal));
        Assert.Equal(ActionMetadata.Outputs(), ActionMetadata.Outputs(SetupAction));
        // Each of the Docker action's inputs reaches `rungates github` under the variable the runner would give it.
        var text = File.ReadAllText(SetupAction);
        Assert.All(docker.Keys, input => Assert.Contains($"        {ActionContainerRun.InputVariable(input)}: ${{{{ inputs.{input} }}}}\n", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Setup_action_installs_the_tool_from_a_package_folder_and_posts_the_status_and_check_run()
    {
        await using var server = new GitHubApiServer();
        var runner = Runner(server, SetupAction);
        runner.Inputs["version"] = SetupPackageFeed.Version;
        runner.Inputs["package-source"] = await feed.FolderAsync();

        var run = await runner.RunAsync(folder["runner-temp"], StepTimeout);
        output.WriteLine(run.Log);

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Equal(["actions/setup-dotnet@v4"], run.SkippedUses);
        Assert.Equal(["install", "run"], run.StepsRun);
        Assert.Contains($"Tool 'rungates' (version '{SetupPackageFeed.Version}') was successfully installed.", run.Log, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Empty(r.ValidationErrors));
        var checkRun = Assert.Single(server.CheckRuns);
        Assert.Equal((HeadSha, "rungates/helios", "success"), (checkRun.HeadSha, checkRun.Name, checkRun.Conclusion));
        var status = Assert.Single(server.Statuses);
        Assert.Equal((HeadSha, "success", "rungates/helios", checkRun.HtmlUrl), (status.Sha, status.State, status.Context, status.TargetUrl));
        // The composite's outputs are the Docker action's, read from what `rungates github` wrote.
        Assert.Equal("partial", run.Outputs["verdict"]);
        Assert.Matches("^examples/helios/out/helios/helios-[0-9T]+$", run.Outputs["bundle"]);
        Assert.Equal(checkRun.HtmlUrl, run.Outputs["check-url"]);
        Assert.Equal("false", run.Outputs["promoted"]);
        Assert.StartsWith("## rungates/helios: PARTIAL (partial)", File.ReadAllText(folder["runner-temp/summary.md"]), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, run.Log + File.ReadAllText(folder["runner-temp/summary.md"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_released_setup_action_installs_the_version_pin_release_wrote_without_a_version_input()
    {
        await using var server = new GitHubApiServer();
        var release = folder["release"];
        Directory.CreateDirectory(Path.Combine(release, "setup"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "action.yml"), Path.Combine(release, "action.yml"));
        File.Copy(SetupAction, Path.Combine(release, "setup", "action.yml"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "setup", "install.sh"), Path.Combine(release, "setup", "install.sh"));
        var pin = await ToolProcess.RunAsync(
            "bash",
            [Path.Combine(RepositoryRoot.Path, "action", "pin-release.sh"), "--root", release, "--image", "ghcr.io/rungates/rungates", "--digest", "sha256:" + new string('a', 64), "--version", SetupPackageFeed.Version],
            TimeSpan.FromSeconds(30));
        Assert.True(pin.ExitCode == 0, pin.ToString());
        var runner = Runner(server, Path.Combine(release, "setup", "action.yml"));
        runner.Inputs["package-source"] = await feed.FolderAsync();

        var run = await runner.RunAsync(folder["runner-temp"], StepTimeout);
        output.WriteLine(run.Log);

        Assert.True(run.ExitCode == 0, run.Log);
        Assert.Contains(SetupPackageFeed.Version, run.Log, StringComparison.Ordinal);
        Assert.Equal("partial", run.Outputs["verdict"]);
        Assert.Single(server.Statuses);
    }

    [Fact]
    public async Task On_main_with_no_version_input_the_install_step_fails_with_exit_2_and_nothing_runs()
    {
        await using var server = new GitHubApiServer();
        var runner = Runner(server, SetupAction);

        var run = await runner.RunAsync(folder["runner-temp"], StepTimeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["install"], run.StepsRun);
        Assert.Contains("::error title=rungates setup::No rungates version to install", run.Log, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("1.0.0; touch pwned")]
    [InlineData("1.0.0\n2.0.0")]
    [InlineData("../../1.0.0")]
    [InlineData("latest")]
    public async Task A_malformed_version_input_is_refused_before_dotnet_runs(string version)
    {
        await using var server = new GitHubApiServer();
        var runner = Runner(server, SetupAction);
        runner.Inputs["version"] = version;

        var run = await runner.RunAsync(folder["runner-temp"], StepTimeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("::error title=rungates setup::The version input is not a release version", run.Log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder["runner-temp/rungates-tool"]), run.Log);
        Assert.False(File.Exists(folder["repo/pwned"]), run.Log);
    }

    /// <summary>A job on a pull request of acme/helios: the example whose pause drill was not rehearsed (partial).</summary>
    private CompositeActionRunner Runner(GitHubApiServer server, string action)
    {
        folder.CopyFrom(Path.Combine(RepositoryRoot.Path, "examples", "helios"), "repo/examples/helios");
        Directory.Delete(folder["repo/examples/helios/evidence/pass"], recursive: true);
        folder.CopyFrom(folder["repo/examples/helios/evidence/pause-not-rehearsed"], "repo/examples/helios/evidence/pass");
        var eventFile = folder.Write("runner-temp/event.json", """{"pull_request":{"number":7,"head":{"sha":"HEAD","repo":{"full_name":"acme/helios"}},"base":{"repo":{"full_name":"acme/helios"}}}}""".Replace("HEAD", HeadSha, StringComparison.Ordinal));
        var runner = new CompositeActionRunner(action);
        runner.Inputs["token"] = Token;
        runner.Inputs["working-directory"] = "examples/helios";
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["GITHUB_WORKSPACE"] = folder["repo"],
            ["GITHUB_EVENT_PATH"] = eventFile,
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_REPOSITORY"] = "acme/helios",
            ["GITHUB_SHA"] = "fedcba9876543210fedcba9876543210fedcba98",
            ["GITHUB_RUN_ID"] = "42",
            ["GITHUB_API_URL"] = server.ApiUrl,
            ["GITHUB_SERVER_URL"] = server.ServerUrl,
            ["GITHUB_STEP_SUMMARY"] = folder.Write("runner-temp/summary.md", ""),
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            // The install's own package cache: a test's package never lands in (or is read from) the machine's.
            ["NUGET_PACKAGES"] = folder["nuget-packages"],
        })
        {
            runner.Environment[name] = value;
        }

        return runner;
    }
}
