using RunGates.GitHub.Tests.Container;
using RunGates.GitHub.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace RunGates.GitHub.Tests.Linting;

/// <summary>
/// action/pin-release.sh, the release's rewrite of the two actions: on a copy of action.yml and setup/action.yml it
/// names the pushed image by digest and the released version, produces files action-validator accepts, and refuses
/// anything malformed without writing.
/// </summary>
public sealed class PinReleaseTests : IDisposable
{
    private const string Image = "ghcr.io/rungates/rungates";
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly TempFolder folder = new();

    public PinReleaseTests()
    {
        Directory.CreateDirectory(folder["release/setup"]);
        File.Copy(Path.Combine(RepositoryRoot.Path, "action.yml"), folder["release/action.yml"]);
        File.Copy(Path.Combine(RepositoryRoot.Path, "setup", "action.yml"), folder["release/setup/action.yml"]);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_pinned_action_runs_exactly_the_digest_given_and_passes_action_validator()
    {
        var pin = await Pin("--image", Image, "--digest", Digest, "--version", "1.4.2");

        Assert.True(pin.ExitCode == 0, pin.ToString());
        var runs = (YamlMappingNode)ActionMetadata.Load(folder["release/action.yml"]).Children[new YamlScalarNode("runs")];
        Assert.Equal("docker", ((YamlScalarNode)runs.Children[new YamlScalarNode("using")]).Value);
        Assert.Equal($"docker://{Image}@{Digest}", ((YamlScalarNode)runs.Children[new YamlScalarNode("image")]).Value);
        // Only that line changed: the inputs, outputs and everything else are main's.
        var before = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "action.yml"));
        var after = File.ReadAllLines(folder["release/action.yml"]);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(["  image: Dockerfile"], before.Except(after));
        Assert.Contains("        RUNGATES_RELEASED_VERSION: '1.4.2'", File.ReadAllLines(folder["release/setup/action.yml"]));
        foreach (var file in new[] { "release/action.yml", "release/setup/action.yml" })
        {
            var (exitCode, lint) = ActionValidator.Validate(folder[file]);
            Assert.True(exitCode == 0, $"{file}:\n{lint}");
        }
    }

    [Theory]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("ghcr.io/evil/image@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n  entrypoint: /bin/sh")]
    [InlineData("")]
    public async Task A_malformed_digest_is_refused_with_exit_2_and_nothing_is_written(string digest)
    {
        var pin = await Pin("--image", Image, "--digest", digest, "--version", "1.4.2");

        Assert.Equal(2, pin.ExitCode);
        Assert.Contains("is not sha256: followed by 64 lower-case hexadecimal digits", pin.Error, StringComparison.Ordinal);
        AssertUnchanged();
    }

    [Theory]
    [InlineData("ghcr.io/rungates/rungates:1.4.2")]
    [InlineData("ghcr.io/RunGates/rungates")]
    [InlineData("ghcr.io")]
    [InlineData("ghcr.io/rungates/rungates\nimage: Dockerfile")]
    public async Task A_malformed_image_name_is_refused_with_exit_2_and_nothing_is_written(string image)
    {
        var pin = await Pin("--image", image, "--digest", Digest, "--version", "1.4.2");

        Assert.Equal(2, pin.ExitCode);
        Assert.Contains("is not a lower-case repository such as ghcr.io/owner/rungates", pin.Error, StringComparison.Ordinal);
        AssertUnchanged();
    }

    [Fact]
    public async Task An_action_already_pinned_is_refused_and_left_as_it_was()
    {
        var first = await Pin("--image", Image, "--digest", Digest, "--version", "1.4.2");
        Assert.True(first.ExitCode == 0, first.ToString());
        var pinned = File.ReadAllText(folder["release/action.yml"]);

        var second = await Pin("--image", Image, "--digest", "sha256:" + new string('f', 64), "--version", "1.4.3");

        Assert.Equal(2, second.ExitCode);
        Assert.Contains("has 0 lines '  image: Dockerfile' (expected exactly one, as on main)", second.Error, StringComparison.Ordinal);
        Assert.Equal(pinned, File.ReadAllText(folder["release/action.yml"]));
    }

    private Task<ToolResult> Pin(params string[] arguments) =>
        ToolProcess.RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "action", "pin-release.sh"), "--root", folder["release"], .. arguments], TimeSpan.FromSeconds(30));

    private void AssertUnchanged()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "action.yml")), File.ReadAllText(folder["release/action.yml"]));
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "setup", "action.yml")), File.ReadAllText(folder["release/setup/action.yml"]));
        Assert.Equal(["action.yml", "setup"], Directory.EnumerateFileSystemEntries(folder["release"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
