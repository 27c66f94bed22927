using RunGates.GitHub.Tests.Container;
using YamlDotNet.RepresentationModel;

namespace RunGates.GitHub.Tests.Linting;

/// <summary>
/// What release.yml must do for the action's image, read from the workflow as GitHub reads it (it is linted with the
/// other workflows by <see cref="RepositoryWorkflowTests"/>): both platforms built natively and pushed by digest, the
/// index attested with provenance and an SBOM pushed to the registry, and action.yml pinned to that index's digest.
/// </summary>
public sealed class ReleaseWorkflowTests
{
    private static readonly string WorkflowFile = Path.Combine(RepositoryRoot.Path, ".github", "workflows", "release.yml");
    private static readonly YamlMappingNode Jobs = (YamlMappingNode)ActionMetadata.Load(WorkflowFile).Children[new YamlScalarNode("jobs")];

    [Fact]
    public void The_image_is_built_for_amd64_and_arm64_each_on_its_own_architecture_and_pushed_by_digest()
    {
        var image = Job("image");
        var include = (YamlSequenceNode)Node(image, "strategy", "matrix", "include");
        var platforms = include.Children.Cast<YamlMappingNode>().Select(entry => (Text(entry, "platform"), Text(entry, "runner"))).ToList();
        Assert.Equal([("linux/amd64", "ubuntu-24.04"), ("linux/arm64", "ubuntu-24.04-arm")], platforms);
        var build = Step(image, "docker/build-push-action@v6");
        Assert.Equal("prebuilt", Text(build, "with", "target"));
        Assert.Contains("push-by-digest=true", Text(build, "with", "outputs"), StringComparison.Ordinal);
        Assert.Contains(Steps(image), step => Text(step, "run")?.Trim() == "action/publish.sh artifacts/action");
    }

    [Fact]
    public void The_index_digest_is_attested_with_provenance_and_an_SBOM_pushed_to_the_registry_then_pinned_in_action_yml()
    {
        var action = Job("action");
        const string Digest = "${{ steps.image.outputs.digest }}";
        var provenance = Step(action, "actions/attest-build-provenance@v2");
        Assert.Equal((Digest, "true"), (Text(provenance, "with", "subject-digest"), Text(provenance, "with", "push-to-registry")));
        var sbom = Step(action, "actions/attest-sbom@v2");
        Assert.Equal((Digest, "true", "rungates-image.spdx.json"), (Text(sbom, "with", "subject-digest"), Text(sbom, "with", "push-to-registry"), Text(sbom, "with", "sbom-path")));
        Assert.Equal("rungates-image.spdx.json", Text(Step(action, "anchore/sbom-action@v0"), "with", "output-file"));
        var runs = Steps(action).Select(step => Text(step, "run") ?? "").ToList();
        var pin = Assert.Single(runs, run => run.Contains("action/pin-release.sh", StringComparison.Ordinal));
        Assert.Contains($"--digest \"{Digest}\"", pin, StringComparison.Ordinal);
        Assert.Contains("action-validator action.yml", pin, StringComparison.Ordinal);
        // The tag moves after the pin, to the commit holding it.
        Assert.True(runs.FindIndex(run => run.Contains("git push -f origin", StringComparison.Ordinal)) > runs.IndexOf(pin));
    }

    [Fact]
    public void Only_version_tags_start_the_release_and_the_nuget_jobs_go_below_the_marker_at_the_end()
    {
        var text = File.ReadAllText(WorkflowFile);
        Assert.Contains("    tags: ['v[0-9]+.[0-9]+.[0-9]+*']\n", text, StringComparison.Ordinal);
        var marker = text.IndexOf("\n# --- nuget ---\n", StringComparison.Ordinal);
        Assert.True(marker > 0, "release.yml has no `# --- nuget ---` line");
        Assert.True(text.IndexOf("\n  action:\n", StringComparison.Ordinal) is > 0 and var action && action < marker);
    }

    [Fact]
    public void The_workflow_grants_no_permission_of_its_own_so_a_job_has_only_what_it_names()
    {
        var permissions = Assert.IsType<YamlMappingNode>(ActionMetadata.Load(WorkflowFile).Children[new YamlScalarNode("permissions")]);

        Assert.Empty(permissions.Children);
    }

    [Theory]
    [InlineData("release", "attestations: write, contents: write, id-token: write")]
    [InlineData("image", "contents: read, packages: write")]
    [InlineData("action", "attestations: write, contents: write, id-token: write, packages: write")]
    [InlineData("nuget", "contents: read, id-token: write")]
    public void Each_job_asks_for_the_permissions_it_uses_and_no_more(string job, string expected)
    {
        var permissions = (YamlMappingNode)Job(job).Children[new YamlScalarNode("permissions")];

        var granted = permissions.Children.Select(p => $"{((YamlScalarNode)p.Key).Value}: {((YamlScalarNode)p.Value).Value}").Order(StringComparer.Ordinal);

        Assert.Equal(expected, string.Join(", ", granted));
    }

    [Fact]
    public void Every_job_that_attests_can_sign_and_store_the_attestation()
    {
        var attesting = Jobs.Children.Where(job => Steps((YamlMappingNode)job.Value).Any(step => Text(step, "uses")?.StartsWith("actions/attest-", StringComparison.Ordinal) == true)).ToList();

        Assert.Equal(["release", "action"], attesting.Select(job => ((YamlScalarNode)job.Key).Value));
        Assert.All(attesting, job => Assert.Equal(("write", "write"), (Text((YamlMappingNode)job.Value, "permissions", "id-token"), Text((YamlMappingNode)job.Value, "permissions", "attestations"))));
    }

    [Theory]
    [InlineData("release", "dotnet cake build/build.cake")]
    [InlineData("image", "action/publish.sh artifacts/action")]
    public void A_job_that_links_native_aot_installs_clang_and_zlib_before(string job, string linking)
    {
        var runs = Steps(Job(job)).Select(step => (Text(step, "name") ?? Text(step, "run") ?? "").Trim()).ToList();

        var install = runs.FindIndex(run => run.Contains("apt-get install", StringComparison.Ordinal) && run.Contains("clang zlib1g-dev", StringComparison.Ordinal));
        Assert.True(install >= 0, $"the {job} job installs no clang and zlib1g-dev");
        Assert.True(install < runs.FindIndex(run => run.StartsWith(linking, StringComparison.Ordinal)), $"the {job} job installs clang after `{linking}`");
    }

    [Theory]
    [InlineData("action/publish.sh")]
    [InlineData("action/pin-release.sh")]
    public void A_script_the_release_runs_by_its_path_is_executable(string script)
    {
        Assert.Contains($"\n          {script} ", File.ReadAllText(WorkflowFile).Replace("- run: ", "\n          ", StringComparison.Ordinal), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(RepositoryRoot.Path, script)).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable: the runner would answer Permission denied");
        }
    }

    private static YamlMappingNode Job(string name) => (YamlMappingNode)Jobs.Children[new YamlScalarNode(name)];

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();

    private static YamlMappingNode Step(YamlMappingNode job, string uses) => Assert.Single(Steps(job), step => Text(step, "uses") == uses);

    private static YamlNode Node(YamlMappingNode node, params string[] path) =>
        path.Aggregate((YamlNode)node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string? Text(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }
}
